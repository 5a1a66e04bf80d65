package dev.leadstore.http;

import dev.leadstore.base.ApiException;
import dev.leadstore.base.ErrorCode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Bodies are UTF-8 and nothing else. Decoding strictly refuses overlong forms and encoded
 * surrogates; a byte-order mark is refused too. Handing the decoded text to the JSON parser (not
 * the bytes) stops it from guessing UTF-16 or UTF-32 from the pattern of zero bytes.
 */
final class Utf8 {
    private Utf8() {
    }

    static String strict(byte[] body) {
        if (body.length >= 3 && (body[0] & 0xff) == 0xef && (body[1] & 0xff) == 0xbb && (body[2] & 0xff) == 0xbf) {
            throw new ApiException(ErrorCode.VALIDATION_ERROR, "The body must be UTF-8 without a byte-order mark");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new ApiException(ErrorCode.VALIDATION_ERROR, "The body is not valid UTF-8");
        }
    }
}
