import { ehealthAccessErrors } from './access/errors.ts';
import { ehealthFhirErrors } from './fhir/errors.ts';
import { ehealthSearchErrors } from './fhir/search/errors.ts';
import { ehealthIpsErrors } from './ips/errors.ts';
import { ehealthPrescriptionErrors } from './prescriptions/errors.ts';
import { ehealthValidationErrors } from './validation/errors.ts';

/** eHealth's error codes: its parts' tables as one (a code in two parts fails the boot's merge). */
export const ehealthErrors = {
  ...ehealthFhirErrors,
  ...ehealthSearchErrors,
  ...ehealthValidationErrors,
  ...ehealthAccessErrors,
  ...ehealthIpsErrors,
  ...ehealthPrescriptionErrors,
};
