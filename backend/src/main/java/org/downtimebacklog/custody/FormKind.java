package org.downtimebacklog.custody;

/**
 * The paper forms a downtime pack can hold. Every sheet has the same four columns, those the capture form asks for:
 * the time of care, what was done, who gave it and their signature; {@code what} says what belongs in the second.
 */
public enum FormKind {
    MEDICATION_ADMINISTRATION_RECORD("Medication administration record", "medicine, dose, route"),
    OBSERVATIONS_CHART("Observations chart", "RR, SpO2, BP, HR, temperature, ACVPU, NEWS2"),
    ACTIVITY_LOG("Activity log", "order, result, admission, transfer, discharge, note");

    private final String title;
    private final String what;

    FormKind(String title, String what) {
        this.title = title;
        this.what = what;
    }

    /** The form's name as printed at the top of each sheet. */
    public String title() {
        return title;
    }

    /** What the "what" column holds on this form. */
    public String what() {
        return what;
    }
}
