package org.downtimebacklog.exchange;

import io.micronaut.core.annotation.Nullable;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The fields of an item a column of a spreadsheet can fill, named as in the item API ({@code patient.nhsNumber}),
 * whether every item needs one, and the headers that usually hold it (compared without case, spaces or punctuation),
 * from which a mapping is suggested.
 */
enum ImportField {
    SITE("site", true, "site", "hospital"),
    WARD("ward", true, "ward", "location", "unit", "department"),
    CATEGORY("category", true, "category", "type", "kind"),
    TARGET_SYSTEM("targetSystem", true, "targetsystem", "system"),
    NHS_NUMBER("patient.nhsNumber", false, "nhsnumber", "nhsno", "nhs"),
    LOCAL_ID("patient.localId", false, "localid", "mrn", "hospitalnumber", "hospitalno", "unitnumber", "patientid"),
    PATIENT_NAME("patient.name", false, "patientname", "name", "patient"),
    DATE_OF_BIRTH("patient.dateOfBirth", false, "dateofbirth", "dob", "birthdate"),
    OCCURRED_AT("occurredAt", true, "occurredat", "timeofcare", "time", "datetime", "when", "timegiven", "given",
            "administered", "taken", "date"),
    RECORDED_BY("recordedBy", true, "recordedby", "givenby", "by", "staff", "nurse", "clinician", "administeredby"),
    RECORDED_BY_ROLE("recordedByRole", false, "recordedbyrole", "role", "staffrole"),
    WITNESSED_BY("witnessedBy", false, "witnessedby", "witness", "checkedby", "secondcheck"),
    PAPER_REFERENCE("paperReference", false, "paperreference", "sheet", "sheetid", "paper", "reference", "ref"),
    SUMMARY("summary", true, "summary", "what", "description", "activity", "medication", "drug", "item", "entry"),
    DETAILS("details", false, "details", "notes", "note", "comments", "comment", "dose"),
    HIGH_RISK("highRisk", true, "highrisk", "risk", "highalert"),
    PATIENT_STATUS("patientStatus", true, "patientstatus", "status", "admissionstatus");

    final String path;
    final boolean required;
    private final List<String> headers;

    ImportField(String path, boolean required, String... headers) {
        this.path = path;
        this.required = required;
        this.headers = List.of(headers);
    }

    static Optional<ImportField> byPath(@Nullable String path) {
        return Arrays.stream(values()).filter(f -> f.path.equals(path)).findFirst();
    }

    static List<String> paths() {
        return Arrays.stream(values()).map(f -> f.path).toList();
    }

    /** How well a header names this field: 0 not at all, higher the earlier it comes in the field's list. */
    int match(String header) {
        String plain = header.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        int at = headers.indexOf(plain);
        return at < 0 ? 0 : headers.size() - at + (at == 0 ? 100 : 0);
    }
}
