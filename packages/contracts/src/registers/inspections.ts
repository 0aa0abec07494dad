/** Results of a periodic technical inspection, as stable codes. Browser-safe. */
export const INSPECTION_RESULTS = ['passed', 'failed'] as const;
export type InspectionResult = (typeof INSPECTION_RESULTS)[number];
