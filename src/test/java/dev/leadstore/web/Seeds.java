package dev.leadstore.web;

import dev.leadstore.support.Http;
import dev.leadstore.support.TestApp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A sales team's data, made through the API: the contacts and deals the dashboard tests look at. */
final class Seeds {
    /** name, email, company, position, source, tags (comma-separated), phone. */
    private static final String[][] CONTACTS = {
        {"Ana Souza", "ana.souza@acme.com.br", "Acme Brasil", "Head of Growth", "linkedin", "hot-lead,enterprise", "+55 11 98888-1234"},
        {"Bruno Lima", "bruno@lumen.io", "Lumen", "CTO", "website", "tech", "+55 21 99777-4321"},
        {"Carla Mendes", "carla.mendes@acme.com.br", "Acme Brasil", "Procurement", "linkedin", "enterprise", ""},
        {"Daniel Park", "daniel@northwind.com", "Northwind", "VP Sales", "referral", "hot-lead", "+1 650 253 0000"},
        {"Elena Rossi", "elena@bellavista.it", "Bella Vista", "Founder", "google_maps", "", "+39 06 6982 1234"},
        {"Farah Khan", "farah@orbit.ae", "Orbit Labs", "COO", "paid_traffic", "tech,trial", ""},
        {"Gustavo Reis", "gustavo@cafe-reis.com.br", "Café Reis", "Owner", "google_maps", "smb", "+55 31 98765-4321"},
        {"Hannah Müller", "hannah@bergwerk.de", "Bergwerk", "Head of IT", "list", "tech", "+49 30 901820"},
        {"Igor Santos", "igor@fastfreight.com", "FastFreight", "Operations", "list", "", ""},
        {"Julia Costa", "julia@studiocosta.com", "Studio Costa", "Designer", "website", "smb,hot-lead", ""},
        {"Kenji Tanaka", "kenji@sakura.jp", "Sakura Foods", "Buyer", "other", "", "+81 3-1234-5678"},
        {"Lucas Oliveira", "lucas@acme.com.br", "Acme Brasil", "Analyst", "linkedin", "enterprise", ""},
        {"Maya Patel", "maya@brightpath.in", "BrightPath", "CEO", "referral", "hot-lead", ""},
        {"Nina Ferreira", "nina@vivamais.com.br", "Viva Mais", "Marketing", "paid_traffic", "trial", "+55 41 99888-7766"},
        {"Oscar Nilsson", "oscar@fjord.se", "Fjord Systems", "CTO", "linkedin", "tech", ""},
        {"Paula Martins", "paula@martins.adv.br", "Martins Advogados", "Partner", "referral", "", ""},
        {"Rafael Duarte", "rafael@duarte.dev", "Duarte Dev", "Freelancer", "website", "smb", ""},
        {"Sofia Almeida", "sofia@lumen.io", "Lumen", "Product", "website", "tech,trial", ""},
        {"Tomás García", "tomas@solymar.es", "Sol y Mar", "Manager", "google_maps", "smb", "+34 912 345 678"},
        {"Vera Ivanova", "vera@polar.ru", "Polar", "Head of Sales", "list", "", ""},
        {"William Chen", "will@northwind.com", "Northwind", "Engineer", "referral", "tech", ""},
        {"Yara Nunes", "yara@nunes.org", "Instituto Nunes", "Director", "other", "enterprise", ""},
    };

    /** name, company, status, value, currency. */
    private static final String[][] DEALS = {
        {"Acme Brasil — 200 seats", "Acme Brasil", "negotiation", "48000", "BRL"},
        {"Lumen pilot", "Lumen", "proposal", "12500", "BRL"},
        {"Northwind expansion", "Northwind", "qualified", "30000", "USD"},
        {"Bella Vista website", "Bella Vista", "new", "3200", "EUR"},
        {"Orbit Labs onboarding", "Orbit Labs", "contacted", "9000", "USD"},
        {"Café Reis loyalty app", "Café Reis", "won", "7800", "BRL"},
        {"Bergwerk data migration", "Bergwerk", "lost", "21000", "EUR"},
        {"Studio Costa retainer", "Studio Costa", "new", "2400", "BRL"},
        {"Sakura Foods catalog", "Sakura Foods", "contacted", "", "BRL"},
        {"BrightPath annual plan", "BrightPath", "won", "15000", "USD"},
        {"Fjord Systems integration", "Fjord Systems", "qualified", "18000", "EUR"},
        {"Viva Mais campaign", "Viva Mais", "proposal", "6400", "BRL"},
    };

    private Seeds() {
    }

    /** A new account on the enterprise plan and one full-permission key; returns the key. */
    static String tenant(TestApp app) {
        String account = app.operator().createAccount(Map.of("name", "Acme Sales", "plan", "enterprise"));
        return app.newKey(account, Map.of("name", "Ana's laptop", "permissions", List.of("*")));
    }

    /** Every contact of the list, oldest first; returns them as the API answered. */
    static List<Map<String, Object>> contacts(Http api) {
        List<Map<String, Object>> made = new ArrayList<>();
        for (String[] c : CONTACTS) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", c[0]);
            body.put("email", c[1]);
            body.put("company", c[2]);
            body.put("position", c[3]);
            body.put("source", c[4]);
            body.put("tags", c[5].isEmpty() ? List.of() : List.of(c[5].split(",")));
            if (!c[6].isEmpty()) {
                body.put("phone", c[6]);
            }
            made.add(Map.of("id", TestApp.createContact(api, body).get("id").asText(), "name", c[0]));
        }
        return made;
    }

    static int contactCount() {
        return CONTACTS.length;
    }

    /** Every deal of the list; returns their ids by name. */
    static Map<String, String> deals(Http api) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (String[] d : DEALS) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", d[0]);
            body.put("company", d[1]);
            body.put("status", d[2]);
            if (!d[3].isEmpty()) {
                body.put("deal_value", Integer.parseInt(d[3]));
            }
            body.put("deal_currency", d[4]);
            ids.put(d[0], api.post("/external/v1/opportunities", body).expectStatus(201).data().get("id").asText());
        }
        return ids;
    }
}
