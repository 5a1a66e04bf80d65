package dev.leadstore.http;

import java.net.InetAddress;

/** A block of addresses, `10.0.0.0/8` or `fd00::/8`; a bare address is a block of one. */
public record Cidr(byte[] network, int prefix) {

    /** Parses one block; throws IllegalArgumentException naming the text when it is none. */
    public static Cidr parse(String text) {
        String[] parts = text.trim().split("/", 2);
        InetAddress address = ClientAddress.parse(parts[0]);
        if (address == null) {
            throw new IllegalArgumentException("not an IP address or CIDR block: " + text);
        }
        int bits = address.getAddress().length * 8;
        int prefix = bits;
        if (parts.length == 2) {
            try {
                prefix = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("not an IP address or CIDR block: " + text);
            }
        }
        return new Cidr(address.getAddress(), prefix);
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != network.length) {
            return false;
        }
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0x80 >> (bit % 8);
            if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
