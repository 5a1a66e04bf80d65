package dev.leadstore.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadstore.client.ApiClient;
import dev.leadstore.client.ApiException;
import dev.leadstore.client.api.ContactsApi;
import dev.leadstore.client.model.Contact;
import dev.leadstore.client.model.ContactConflictError;
import dev.leadstore.client.model.ContactConflictErrorAllOfError;
import dev.leadstore.client.model.ContactCreate;
import dev.leadstore.client.model.ContactCreateCustomFieldsValue;
import dev.leadstore.client.model.ContactDeletedResponse;
import dev.leadstore.client.model.ContactListResponseData;
import dev.leadstore.client.model.ContactUpdate;
import dev.leadstore.client.model.CustomFieldsValue;
import dev.leadstore.client.model.NotFoundError;
import dev.leadstore.client.model.NotFoundErrorAllOfError;
import dev.leadstore.support.TestApp;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The story of a contact told through the Java client generated from openapi.yaml at build time:
 * it fails when the document, the generator's output or the server's answers drift apart.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.leadstore.support.TestApp#all")
class ContactClientStoryTest {
    @Parameter
    TestApp app;

    /** The generated client as a tenant's key, refusing any field of an answer that the document lacks. */
    private ApiClient client() {
        String key = app.newKey(app.newAccount("enterprise"), "*");
        ApiClient client = new ApiClient();
        client.updateBaseUri(app.baseUrl());
        client.setRequestInterceptor(request -> request.header("X-API-Key", key));
        client.setObjectMapper(ApiClient.createDefaultObjectMapper()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));
        return client;
    }

    @Test
    void a_contact_is_created_read_updated_listed_deleted_and_then_gone() throws Exception {
        ApiClient client = client();
        ContactsApi contacts = new ContactsApi(client);

        Contact created = contacts.createContact(new ContactCreate().name("Jane Smith").email("jane@company.com")
                .phone("+55 11 98888-8888").company("Tech Corp").position("CTO").tags(List.of("hot-lead", "tech"))
                .customFields(Map.of("deal_size", new ContactCreateCustomFieldsValue(new BigDecimal(50000)),
                        "vip", new ContactCreateCustomFieldsValue(true),
                        "region", new ContactCreateCustomFieldsValue("south"))), null, null).getData();
        String id = created.getId();
        assertThat(id).matches("cnt_[a-z0-9]{12}");
        assertThat(created.getPhone()).isEqualTo("+5511988888888");
        assertThat(created.getSource()).isEqualTo("other");
        assertThat(created.getLinkedinUrl()).isNull();
        assertThat(created.getTags()).containsExactly("hot-lead", "tech");
        assertThat(created.getCustomFields()).containsOnly(
                Map.entry("deal_size", new CustomFieldsValue(new BigDecimal(50000))),
                Map.entry("vip", new CustomFieldsValue(true)),
                Map.entry("region", new CustomFieldsValue("south")));
        assertThat(created.getUpdatedAt()).isEqualTo(created.getCreatedAt());

        assertThat(contacts.getContact(ContactsApi.APIGetContactRequest.newBuilder().id(id).build()).getData()).isEqualTo(created);

        Contact updated = contacts.updateContact(ContactsApi.APIUpdateContactRequest.newBuilder().id(id)
                .contactUpdate(new ContactUpdate().position("VP of Engineering").company(null)).build()).getData();
        assertThat(updated.getPosition()).isEqualTo("VP of Engineering");
        assertThat(updated.getCompany()).as("sent as null, so cleared").isNull();
        assertThat(updated.getEmail()).isEqualTo("jane@company.com");
        assertThat(updated.getUpdatedAt()).isAfter(created.getUpdatedAt());
        assertThat(contacts.getContact(ContactsApi.APIGetContactRequest.newBuilder().id(id).build()).getData()).isEqualTo(updated);

        ContactListResponseData page = contacts.listContacts(
                ContactsApi.APIListContactsRequest.newBuilder().email("JANE@company.com").build()).getData();
        assertThat(page.getContacts()).containsExactly(updated);
        assertThat(page.getPagination().getPagination().getTotal()).as("a numbered page").isEqualTo(1);

        ContactDeletedResponse deleted = contacts.deleteContact(ContactsApi.APIDeleteContactRequest.newBuilder().id(id).build());
        assertThat(deleted.getMessage()).isEqualTo(ContactDeletedResponse.MessageEnum.CONTACT_DELETED_SUCCESSFULLY);
        ApiException gone = catchThrowableOfType(ApiException.class, () -> contacts.getContact(ContactsApi.APIGetContactRequest.newBuilder().id(id).build()));
        assertThat(gone.getCode()).isEqualTo(404);
        NotFoundError notFound = client.getObjectMapper().readValue(gone.getResponseBody(), NotFoundError.class);
        assertThat(notFound.getError().getCode()).isEqualTo(NotFoundErrorAllOfError.CodeEnum.NOT_FOUND);
        assertThat(notFound.getError().getMessage()).isEqualTo("Contact not found");
    }

    @Test
    void a_second_contact_with_the_same_email_is_a_409_that_names_the_first() throws Exception {
        ApiClient client = client();
        ContactsApi contacts = new ContactsApi(client);
        Contact first = contacts.createContact(new ContactCreate().name("Jane").email("jane@company.com"), null, null)
                .getData();

        ApiException refused = catchThrowableOfType(ApiException.class, () ->
                contacts.createContact(new ContactCreate().name("Jane again").email("Jane@Company.com"), null, null));

        assertThat(refused.getCode()).isEqualTo(409);
        ObjectMapper json = client.getObjectMapper();
        ContactConflictError conflict = json.readValue(refused.getResponseBody(), ContactConflictError.class);
        assertThat(conflict.getError().getCode()).isEqualTo(ContactConflictErrorAllOfError.CodeEnum.ALREADY_EXISTS);
        assertThat(conflict.getError().getMessage()).isEqualTo("A contact with this email already exists");
        assertThat(conflict.getError().getDetails().getExistingId()).isEqualTo(first.getId());
    }
}
