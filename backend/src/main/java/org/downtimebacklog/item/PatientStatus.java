package org.downtimebacklog.item;

/** Where the patient is now: patients still in hospital come first. */
public enum PatientStatus {
    INPATIENT,
    ED,
    OUTPATIENT,
    DISCHARGED
}
