package org.downtimebacklog.custody;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.multi.qrcode.QRCodeMultiReader;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.downtimebacklog.support.Api;
import org.downtimebacklog.support.ApiTest;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

@MicronautTest(transactional = false)
class FormPackTest extends ApiTest {

    private static final String WARD = "Ward Tŷ Gwyn 7";

    @Test
    void aLeadPrintsAPackWhosePagesCarryEachSheetIdAsTextAndQrCode() throws Exception {
        String site = Api.site();
        Api.User lead = api.createUser("TEAM_LEAD", site);
        JsonNode outage = api.createOutage(lead.token(), new String[]{site}, "EMAR");

        Api.Response created = api.post("/api/form-packs", lead.token(), pack(site, WARD,
                "MEDICATION_ADMINISTRATION_RECORD", 3, outage.get("id").asLong()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode pack = created.body();
        long packId = pack.get("id").asLong();
        assertThat(created.header("Location")).isEqualTo("/api/form-packs/" + packId);
        assertThat(pack.get("site").asText()).isEqualTo(site);
        assertThat(pack.get("ward").asText()).isEqualTo(WARD);
        assertThat(pack.get("kind").asText()).isEqualTo("MEDICATION_ADMINISTRATION_RECORD");
        assertThat(pack.get("count").asInt()).isEqualTo(3);
        assertThat(pack.get("outageReference").asText()).isEqualTo(outage.get("reference").asText());
        assertThat(pack.get("createdBy").asText()).isEqualTo(lead.username());
        assertThat(pack.get("pdf").asText()).isEqualTo("/api/form-packs/" + packId + "/pdf");
        List<String> sheetIds = pack.get("sheets").findValuesAsText("sheetId");
        assertThat(sheetIds).hasSize(3).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).startsWith("S-" + site + "-").satisfies(SheetId::isValid));
        assertThat(pack.get("sheets").findValuesAsText("status")).containsOnly("ISSUED");
        assertThat(pack.get("sheets").findValues("number").stream().map(JsonNode::asInt)).containsExactly(1, 2, 3);
        assertThat(api.get("/api/form-packs/" + packId, lead.token()).body()).isEqualTo(pack);

        Api.Download pdf = api.download(pack.get("pdf").asText(), lead.token());
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.contentType()).startsWith("application/pdf");
        assertThat(pdf.disposition()).contains("form-pack-" + packId + ".pdf");
        assertThat(new String(pdf.body(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");

        List<String> decoded = new ArrayList<>();
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            assertThat(document.getNumberOfPages()).isEqualTo(3);
            PDFRenderer renderer = new PDFRenderer(document);
            for (int i = 0; i < 3; i++) {
                PDPage page = document.getPage(i);
                assertThat(page.getMediaBox().getWidth()).isCloseTo(PDRectangle.A4.getWidth(), within(0.01f));
                assertThat(page.getMediaBox().getHeight()).isCloseTo(PDRectangle.A4.getHeight(), within(0.01f));
                String text = pageText(document, i);
                assertThat(text).as("page " + (i + 1))
                        .contains("Sheet " + sheetIds.get(i), "Site: " + site, "Ward: " + WARD,
                                "Medication administration record", outage.get("reference").asText(),
                                "Patient label", "Time of care", "What", "Given by", "Signature",
                                "sheet " + (i + 1) + " of 3");
                for (int other = 0; other < 3; other++) {
                    if (other != i) {
                        assertThat(text).doesNotContain(sheetIds.get(other));
                    }
                }
                decoded.add(onlyQrCode(renderer.renderImageWithDPI(i, 150, ImageType.RGB)));
            }
        }
        assertThat(decoded).containsExactlyElementsOf(sheetIds);

        JsonNode made = api.lastAuditEvent(lead.username(), "FORM_PACK_CREATED");
        assertThat(made.get("entityType").asText()).isEqualTo("FORM_PACK");
        assertThat(made.get("entityId").asLong()).isEqualTo(packId);
        assertThat(made.get("changes").get("count").get("new").asInt()).isEqualTo(3);
        assertThat(made.get("changes").get("kind").get("new").asText()).isEqualTo("MEDICATION_ADMINISTRATION_RECORD");
        assertThat(made.get("changes").get("firstSheetId").get("new").asText()).isEqualTo(sheetIds.get(0));
        assertThat(made.get("changes").get("lastSheetId").get("new").asText()).isEqualTo(sheetIds.get(2));
        JsonNode printed = api.lastAuditEvent(lead.username(), "FORM_PACK_PRINTED");
        assertThat(printed.get("entityId").asLong()).isEqualTo(packId);
        assertThat(printed.get("changes").get("sheets").get("new").asInt()).isEqualTo(3);
    }

    @Test
    void aFullPackOfEachKindHasAPagePerSheetAndIdsNeverRepeat() throws Exception {
        String site = Api.site() + "-B_2";
        Api.User admin = api.createUser("ADMIN", site);
        Map<String, String> titles = Map.of("OBSERVATIONS_CHART", "Observations chart", "ACTIVITY_LOG", "Activity log",
                "MEDICATION_ADMINISTRATION_RECORD", "Medication administration record");
        List<String> all = new ArrayList<>();
        for (String kind : titles.keySet()) {
            Api.Response created = api.post("/api/form-packs", admin.token(),
                    pack(site, "Ward 3", kind, FormPackService.MAX_SHEETS, null));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            assertThat(created.body().get("outageId").isNull()).isTrue();
            List<String> ids = created.body().get("sheets").findValuesAsText("sheetId");
            assertThat(ids).hasSize(FormPackService.MAX_SHEETS).allSatisfy(id -> assertThat(SheetId.isValid(id)).isTrue());
            all.addAll(ids);

            long started = System.nanoTime();
            Api.Download pdf = api.download(created.body().get("pdf").asText(), admin.token());
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(pdf.status()).isEqualTo(200);
            System.out.println("form pack: " + kind + ", " + FormPackService.MAX_SHEETS + " sheets, "
                    + pdf.body().length / 1024 + " KiB, downloaded in " + millis + " ms");
            try (PDDocument document = Loader.loadPDF(pdf.body())) {
                assertThat(document.getNumberOfPages()).isEqualTo(FormPackService.MAX_SHEETS);
                for (int i : new int[]{0, FormPackService.MAX_SHEETS - 1}) {
                    assertThat(pageText(document, i)).contains(ids.get(i), titles.get(kind), "Site: " + site,
                            "Ward: Ward 3", "ward's downtime box");
                    assertThat(onlyQrCode(new PDFRenderer(document).renderImageWithDPI(i, 150, ImageType.RGB)))
                            .isEqualTo(ids.get(i));
                }
            }
        }
        assertThat(all).doesNotHaveDuplicates();
    }

    @Test
    void refusedPacksNameTheirField() {
        String site = Api.site();
        String otherSite = Api.site();
        Api.User lead = api.createUser(new String[]{"TEAM_LEAD"}, new String[]{site, otherSite},
                new String[]{"EMAR"});
        Api.User clerk = api.createUser("CLERK", site);
        String strangersSite = Api.site();
        Api.User stranger = api.createUser("TEAM_LEAD", strangersSite);

        assertRefused(api.post("/api/form-packs", lead.token(), pack(site, "Ward 1", "ACTIVITY_LOG", 0, null)), 400, "count");
        assertRefused(api.post("/api/form-packs", lead.token(),
                pack(site, "Ward 1", "ACTIVITY_LOG", FormPackService.MAX_SHEETS + 1, null)), 400, "count");
        assertRefused(api.post("/api/form-packs", lead.token(), pack(site, "Ward 1", "FAX_COVER", 5, null)), 400, "kind");
        assertRefused(api.post("/api/form-packs", lead.token(), pack(site, "  ", "ACTIVITY_LOG", 5, null)), 400, "ward");
        assertRefused(api.post("/api/form-packs", lead.token(), pack(site, "Ward\u0007 1", "ACTIVITY_LOG", 5, null)),
                400, "ward");
        Api.Response empty = api.post("/api/form-packs", lead.token(), "{}");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body().get("violations").findValuesAsText("field")).contains("site", "ward", "kind", "count");
        Api.Response broken = api.post("/api/form-packs", lead.token(), "{\"site\": ");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.contentType()).startsWith("application/problem+json");

        assertRefused(api.post("/api/form-packs", stranger.token(), pack(site, "Ward 1", "ACTIVITY_LOG", 5, null)),
                422, "site");
        assertThat(api.post("/api/form-packs", clerk.token(), pack(site, "Ward 1", "ACTIVITY_LOG", 5, null)).status())
                .isEqualTo(403);

        long elsewhere = api.createOutage(stranger.token(), new String[]{strangersSite}, "EMAR").get("id").asLong();
        Api.Response invisible = api.post("/api/form-packs", lead.token(), pack(site, "Ward 1", "ACTIVITY_LOG", 5, elsewhere));
        assertThat(invisible.status()).isEqualTo(404);

        long atOtherSite = api.createOutage(lead.token(), new String[]{otherSite}, "EMAR").get("id").asLong();
        assertRefused(api.post("/api/form-packs", lead.token(), pack(site, "Ward 1", "ACTIVITY_LOG", 5, atOtherSite)),
                422, "outageId");

        long closed = api.createOutage(lead.token(), new String[]{site}, "EMAR").get("id").asLong();
        assertThat(api.post("/api/outages/" + closed + "/close", lead.token(), null).status()).isEqualTo(200);
        Api.Response late = api.post("/api/form-packs", lead.token(), pack(site, "Ward 1", "ACTIVITY_LOG", 5, closed));
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.contentType()).startsWith("application/problem+json");
        assertThat(late.body().get("detail").asText()).contains("closed");
    }

    @Test
    void packsAndTheirPdfsAreOnlyForLeadsOfTheirSite() {
        String site = Api.site();
        Api.User lead = api.createUser("TEAM_LEAD", site);
        Api.User clerk = api.createUser("CLERK", site);
        Api.User stranger = api.createUser("TEAM_LEAD", Api.site());
        long packId = api.post("/api/form-packs", lead.token(), pack(site, "Ward 2", "OBSERVATIONS_CHART", 1, null))
                .body().get("id").asLong();

        assertThat(api.get("/api/form-packs/" + packId, stranger.token()).status()).isEqualTo(404);
        Api.Download foreign = api.download("/api/form-packs/" + packId + "/pdf", stranger.token());
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.contentType()).startsWith("application/problem+json");
        assertThat(api.get("/api/form-packs/" + packId, clerk.token()).status()).isEqualTo(403);
        assertThat(api.download("/api/form-packs/" + packId + "/pdf", clerk.token()).status()).isEqualTo(403);
        assertThat(api.download("/api/form-packs/" + packId + "/pdf", null).status()).isEqualTo(401);
        assertThat(api.get("/api/form-packs/" + (packId + 1_000_000), lead.token()).status()).isEqualTo(404);
    }

    @Test
    void aSheetIsFoundByItsIdAndAMistypedIdIsCaught() {
        String site = Api.site();
        Api.User lead = api.createUser("TEAM_LEAD", site);
        Api.User clerk = api.createUser("CLERK", site);
        Api.User stranger = api.createUser("CLERK", Api.site());
        JsonNode pack = api.post("/api/form-packs", lead.token(), pack(site, "Ward 9", "OBSERVATIONS_CHART", 2, null)).body();
        String id = pack.get("sheets").get(1).get("sheetId").asText();

        Api.Response found = api.get("/api/sheets/" + id, clerk.token());
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        assertThat(found.body().get("sheetId").asText()).isEqualTo(id);
        assertThat(found.body().get("site").asText()).isEqualTo(site);
        assertThat(found.body().get("ward").asText()).isEqualTo("Ward 9");
        assertThat(found.body().get("kind").asText()).isEqualTo("OBSERVATIONS_CHART");
        assertThat(found.body().get("status").asText()).isEqualTo("ISSUED");
        assertThat(found.body().get("packId").asLong()).isEqualTo(pack.get("id").asLong());
        assertThat(found.body().get("number").asInt()).isEqualTo(2);
        assertThat(found.body().get("issuedBy").asText()).isEqualTo(lead.username());
        assertThat(api.get("/api/sheets/" + id.toLowerCase(), clerk.token()).body().get("sheetId").asText()).isEqualTo(id);

        char check = id.charAt(id.length() - 1);
        String wrongCheck = id.substring(0, id.length() - 1) + (check == '7' ? '8' : '7');
        Api.Response mistyped = assertRefused(api.get("/api/sheets/" + wrongCheck, clerk.token()), 422, "sheetId");
        assertThat(mistyped.body().get("violations").get(0).get("message").asText()).contains("mistyped");
        int serialDigit = id.lastIndexOf('-') - 1;
        char digit = id.charAt(serialDigit);
        String wrongSerial = id.substring(0, serialDigit) + (digit == '3' ? '4' : '3') + id.substring(serialDigit + 1);
        assertRefused(api.get("/api/sheets/" + wrongSerial, clerk.token()), 422, "sheetId");
        assertRefused(api.get("/api/sheets/MAR-7-0042", clerk.token()), 422, "sheetId");

        String unknown = SheetId.of(site, SheetId.PACKS - 1, 1);
        Api.Response missing = api.get("/api/sheets/" + unknown, clerk.token());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(api.get("/api/sheets/" + id, stranger.token()).status()).isEqualTo(404);
        assertThat(api.get("/api/sheets/" + id, null).status()).isEqualTo(401);
    }

    // ---- helpers ----

    private static Map<String, Object> pack(String site, String ward, String kind, int count, Long outageId) {
        Map<String, Object> body = new HashMap<>();
        body.put("site", site);
        body.put("ward", ward);
        body.put("kind", kind);
        body.put("count", count);
        if (outageId != null) {
            body.put("outageId", outageId);
        }
        return body;
    }

    private static Api.Response assertRefused(Api.Response response, int status, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(StreamSupport.stream(response.body().get("violations").spliterator(), false)
                .map(v -> v.get("field").asText())).as(response.toString()).contains(field);
        return response;
    }

    private static String pageText(PDDocument document, int index) throws java.io.IOException {
        PDFTextStripper stripper = new PDFTextStripper();
        stripper.setStartPage(index + 1);
        stripper.setEndPage(index + 1);
        return stripper.getText(document);
    }

    /** The text of the one QR code on a rendered page; fails when there is none or more than one. */
    private static String onlyQrCode(BufferedImage page) throws Exception {
        int width = page.getWidth();
        int height = page.getHeight();
        int[] pixels = page.getRGB(0, 0, width, height, null, 0, width);
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(width, height, pixels)));
        Result[] found = new QRCodeMultiReader().decodeMultiple(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE));
        assertThat(found).hasSize(1);
        return found[0].getText();
    }
}
