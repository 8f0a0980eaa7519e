package org.downtimebacklog.item;

/** The role of whoever gave the care, as the paper shows it. HCA: a healthcare assistant. */
public enum CareRole {
    NURSE,
    DOCTOR,
    HCA,
    PHARMACIST,
    OTHER
}
