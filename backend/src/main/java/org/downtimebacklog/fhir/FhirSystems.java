package org.downtimebacklog.fhir;

/** The naming systems of the identifiers and codes in the FHIR resources this service answers. */
final class FhirSystems {

    /** NHS England's system for NHS numbers. */
    static final String NHS_NUMBER = "https://fhir.nhs.uk/Id/nhs-number";

    private static final String BASE = "urn:downtime-backlog:";
    /** An item's reference, ITM-000123. */
    static final String ITEM = BASE + "item";
    /** The outage an item belongs to, by its id. */
    static final String OUTAGE = BASE + "outage";
    /** The paper sheet an item was recorded on. */
    static final String SHEET = BASE + "paper-reference";
    /** A patient's local (hospital) identifier. */
    static final String LOCAL_PATIENT_ID = BASE + "local-patient-id";
    /** The service's users, by username. */
    static final String USER = BASE + "user";
    /** Item categories. */
    static final String CATEGORY = BASE + "category";
    /** Item lifecycle states (the Task's business status). */
    static final String ITEM_STATUS = BASE + "item-status";
    /** The kinds of Task input and output. */
    static final String TASK_PARAMETER = BASE + "task-parameter";

    /** HL7's participant types of a Provenance's agents. */
    static final String PARTICIPANT_TYPE = "http://terminology.hl7.org/CodeSystem/provenance-participant-type";
    /** HL7 v3 participation types (for the witness). */
    static final String V3_PARTICIPATION = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
    /** HL7's roles of a Provenance's entities. */
    static final String ENTITY_ROLE = "http://hl7.org/fhir/provenance-entity-role";

    private FhirSystems() {
    }
}
