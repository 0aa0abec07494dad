/** The doctor's workspace: the patient list, a patient's chart, encounters, prescriptions, referrals. */
export const CLINICIAN_PATH = '/clinic';
