import { isValidPrescriptionNumber } from '@civitas/contracts/health/prescription-number.ts';
import {
  CONDITIONS,
  CodeSystem,
  DOCUMENT_TYPES,
  LABS,
  PRESCRIPTION_NUMBER_SYSTEM,
  SERVICE_REQUEST_CATEGORIES,
  SPECIALTIES,
  termOf,
} from '@civitas/contracts/health/terminology.ts';
import type {
  AllergyIntolerance,
  Condition,
  DocumentReference,
  MedicationDispense,
  MedicationRequest,
  Observation,
  Patient,
  PractitionerRole,
  Resource,
  ServiceRequest,
} from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { loadInstance } from '../../../registers/index.ts';
import { createResourceValidator } from '../validation/validator.ts';
import { DEMO_REFERRAL_MIN_AGE, generateRecord, type PatientRecord } from './generate.ts';
import { generateContext, healthSubjects } from './seed.ts';
import { DEMO_INDEX } from './subjects.ts';

const PERSONS = 600;
const instance = loadInstance('bg');
const subjects = healthSubjects('synthetic-test', PERSONS);
const ctx = generateContext(subjects, { seed: 'synthetic-test', persons: PERSONS, instance });
const records = subjects.map((s) => generateRecord(s, ctx));
const everything: Resource[] = [...ctx.directory.resources, ...records.flatMap((r) => r.resources)];

const ofType = <T extends Resource>(record: PatientRecord, type: T['resourceType']) =>
  record.resources.filter((r): r is T => r.resourceType === type);
const codeOf = (r: { code?: { coding?: Array<{ code?: string }> } }) => r.code?.coding?.[0]?.code;

/** Every coding ({system, code}) anywhere in a resource. */
function codings(value: unknown, out: Array<{ system: string; code: string }> = []) {
  if (Array.isArray(value)) for (const v of value) codings(v, out);
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.system === 'string' && typeof o.code === 'string')
      out.push({ system: o.system, code: o.code });
    for (const v of Object.values(o)) codings(v, out);
  }
  return out;
}

function references(value: unknown, out: string[] = []) {
  if (Array.isArray(value)) for (const v of value) references(v, out);
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.reference === 'string') out.push(o.reference);
    for (const v of Object.values(o)) references(v, out);
  }
  return out;
}

describe('the synthetic health record', () => {
  it('is the same for the same seed and person', () => {
    const again = generateRecord(
      subjects[42]!,
      generateContext(subjects, { seed: 'synthetic-test', persons: PERSONS, instance }),
    );
    expect(JSON.stringify(again)).toBe(JSON.stringify(records[42]));
    const other = healthSubjects('another seed', 60);
    const otherCtx = generateContext(other, { seed: 'another seed', persons: 60, instance });
    expect(generateRecord(other[0]!, otherCtx).patientId).not.toBe(records[0]!.patientId);
  });

  it('emits only codes the terminology words in Bulgarian, English and Polish', () => {
    const unknown = new Set<string>();
    for (const { system, code } of codings(everything)) {
      if (system === CodeSystem.ucum) continue;
      const term = termOf(system, code);
      if (!term?.labels.bg || !term.labels.en || !term.labels.pl) unknown.add(`${system}|${code}`);
    }
    expect([...unknown]).toEqual([]);
  });

  it('writes resources the validator accepts (structure, required bindings, references)', async () => {
    const sample = [...ctx.directory.resources, ...records.slice(0, 25).flatMap((r) => r.resources)];
    const ids = new Set(everything.map((r) => `${r.resourceType}/${r.id}`));
    const validator = createResourceValidator();
    const problems: string[] = [];
    for (const resource of sample) {
      for (const issue of await validator.validate(resource, async (reference) => ids.has(reference))) {
        if (issue.severity === 'error')
          problems.push(`${resource.resourceType} ${issue.expression}: ${issue.diagnostics}`);
      }
    }
    expect(problems).toEqual([]);
  }, 60_000);

  it('never puts a personal number in a resource id, and only in identifiers', () => {
    const leaks = records.filter((record) => {
      const withoutIdentifiers = record.resources.map((resource) => {
        const { identifier: _, ...rest } = resource as Resource & { identifier?: unknown };
        return rest;
      });
      return JSON.stringify(withoutIdentifiers).includes(record.personalNumber);
    });
    expect(leaks.map((r) => r.patientId)).toEqual([]);
    const patient = records[0]!.resources[0] as Patient;
    expect(patient.identifier?.[0]).toEqual({
      system: ctx.personalNumberSystem,
      value: records[0]!.personalNumber,
    });
  });

  it('refers only to resources it generated', () => {
    const ids = new Set(everything.map((r) => `${r.resourceType}/${r.id}`));
    const dangling = references(everything).filter((ref) => !ids.has(ref));
    expect(dangling).toEqual([]);
    expect(ids.size).toBe(everything.length);
  });

  it('gives every prescription a unique number the pharmacies read (its check character right)', () => {
    const numbers = everything
      .filter((r): r is MedicationRequest => r.resourceType === 'MedicationRequest')
      .map((r) => r.identifier?.find((i) => i.system === PRESCRIPTION_NUMBER_SYSTEM)?.value);
    expect(numbers.length).toBeGreaterThan(100);
    for (const n of numbers) expect(isValidPrescriptionNumber(n ?? ''), n).toBe(true);
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('has chronic conditions at about the prevalence of a European population', () => {
    const adults = records.filter((_, i) => {
      const s = subjects[i]!;
      return !s.deceased && Number(s.birthDate.slice(0, 4)) <= 2007;
    });
    const share = (code: string) =>
      adults.filter((r) =>
        ofType<Condition>(r, 'Condition').some(
          (c) => codeOf(c) === code && c.clinicalStatus?.coding?.[0]?.code === 'active',
        ),
      ).length / adults.length;
    expect(share(CONDITIONS.hypertension.code)).toBeGreaterThan(0.18);
    expect(share(CONDITIONS.hypertension.code)).toBeLessThan(0.45);
    expect(share(CONDITIONS.diabetesType2.code)).toBeGreaterThan(0.03);
    expect(share(CONDITIONS.diabetesType2.code)).toBeLessThan(0.15);
  });

  it('gives the demo citizen the demo GP and a rich record: a trend, a waiting prescription, a letter, vaccines, an allergy', () => {
    const citizen = records[DEMO_INDEX.citizen]!;
    const patient = ofType<Patient>(citizen, 'Patient')[0]!;
    expect(patient.generalPractitioner?.[0]?.reference).toBe(ctx.directory.demoGp.practitioner.reference);
    expect(ctx.directory.demoGp.organization.display).toBe('ГППМП „Здраве Лозенец“');

    const hba1c = ofType<Observation>(citizen, 'Observation').filter((o) => codeOf(o) === LABS.hba1c.code);
    expect(hba1c.length).toBeGreaterThanOrEqual(5);
    const byDate = hba1c.sort((a, b) => a.effectiveDateTime!.localeCompare(b.effectiveDateTime!));
    expect(byDate[0]!.valueQuantity!.value!).toBeGreaterThan(byDate.at(-1)!.valueQuantity!.value!);
    expect(byDate[0]!.interpretation?.[0]?.coding?.[0]?.code).toBe('H');
    expect(byDate[0]!.referenceRange?.[0]?.high?.value).toBe(5.6);

    const dispensed = new Set(
      ofType<MedicationDispense>(citizen, 'MedicationDispense').flatMap((d) =>
        (d.authorizingPrescription ?? []).map((a) => a.reference),
      ),
    );
    const waiting = ofType<MedicationRequest>(citizen, 'MedicationRequest').filter(
      (r) => r.status === 'active',
    );
    expect(waiting).toHaveLength(1);
    expect(dispensed.has(`MedicationRequest/${waiting[0]!.id}`)).toBe(false);

    const letters = ofType<DocumentReference>(citizen, 'DocumentReference').filter(
      (d) => codeOf({ code: d.type }) === DOCUMENT_TYPES.dischargeSummary.code,
    );
    expect(letters).toHaveLength(1);
    const attachment = letters[0]!.content[0]!.attachment;
    expect(attachment.contentType).toMatch(/^text\/plain/);
    expect(Buffer.from(attachment.data!, 'base64').toString('utf8')).toContain('ЕПИКРИЗА');

    expect(ofType(citizen, 'Immunization').length).toBeGreaterThanOrEqual(2);
    expect(ofType<AllergyIntolerance>(citizen, 'AllergyIntolerance')).toHaveLength(1);
  });

  it('makes the demo specialist a cardiologist at the hospital, nobody’s GP, without a referral for the demo citizen', () => {
    const specialist = ctx.directory.demoSpecialist!;
    expect(specialist.personalNumber).toBe(subjects[DEMO_INDEX.specialist]!.personalNumber);
    expect(specialist.specialty).toBe(SPECIALTIES.cardiology);
    expect(specialist.organization.display).toBe('УМБАЛ „Александровска“');
    const role = ctx.directory.resources.find(
      (r): r is PractitionerRole =>
        r.resourceType === 'PractitionerRole' && `PractitionerRole/${r.id}` === specialist.role.reference,
    );
    expect(role?.specialty?.[0]?.coding?.[0]?.code).toBe(SPECIALTIES.cardiology.code);

    const gpRefs = records.flatMap((r) => ofType<Patient>(r, 'Patient')[0]!.generalPractitioner ?? []);
    expect(gpRefs.some((g) => g.reference === specialist.practitioner.reference)).toBe(false);
    const citizenReferrals = ofType<DocumentReference>(
      records[DEMO_INDEX.citizen]!,
      'DocumentReference',
    ).filter((d) => codeOf({ code: d.type }) === DOCUMENT_TYPES.referral.code);
    expect(citizenReferrals).toEqual([]);
    expect(ofType<ServiceRequest>(records[DEMO_INDEX.citizen]!, 'ServiceRequest')).toEqual([]);
  });

  it('writes each referral as a ServiceRequest from the GP to a specialist for a Condition, the letter attached', () => {
    const today = Date.parse(`${ctx.today}T12:00:00+02:00`);
    const specialists = new Map(ctx.directory.specialists.map((d) => [d.practitioner.reference, d]));
    let referrals = 0;
    const statuses = new Set<string>();
    for (const record of records) {
      const patient = ofType<Patient>(record, 'Patient')[0]!;
      const byRef = new Map(record.resources.map((r) => [`${r.resourceType}/${r.id}`, r]));
      for (const request of ofType<ServiceRequest>(record, 'ServiceRequest')) {
        referrals++;
        statuses.add(request.status);
        expect(request.intent).toBe('order');
        expect(request.category?.[0]?.coding?.[0]).toMatchObject({
          system: SERVICE_REQUEST_CATEGORIES.referral.system,
          code: '3457005',
        });
        expect(request.subject.reference).toBe(`Patient/${record.patientId}`);
        expect(request.requester?.reference).toBe(patient.generalPractitioner?.[0]?.reference);
        // The performer is a specialist of the directory, of the specialty asked for.
        const specialist = specialists.get(request.performer?.[0]?.reference ?? '');
        expect(specialist?.specialty?.code).toBe(request.performerType?.coding?.[0]?.code);
        expect(request.performer?.[0]?.reference).not.toBe(`Practitioner/${record.patientId}`);
        // For one of the patient's Conditions, the letter as supporting information.
        const condition = byRef.get(request.reasonReference?.[0]?.reference ?? '') as Condition | undefined;
        expect(condition?.resourceType).toBe('Condition');
        expect(codeOf(condition!)).toBe(request.reasonCode?.[0]?.coding?.[0]?.code);
        const letter = byRef.get(request.supportingInfo?.[0]?.reference ?? '') as
          | DocumentReference
          | undefined;
        expect(codeOf({ code: letter?.type })).toBe(DOCUMENT_TYPES.referral.code);
        // Open for 90 days, then completed.
        const days = (today - Date.parse(request.authoredOn!)) / 86_400_000;
        expect([request.status, days > 0]).toEqual([days <= 90.5 ? 'active' : 'completed', true]);
      }
      // No referral letter without its ServiceRequest.
      const letters = ofType<DocumentReference>(record, 'DocumentReference').filter(
        (d) => codeOf({ code: d.type }) === DOCUMENT_TYPES.referral.code,
      );
      expect(letters).toHaveLength(ofType<ServiceRequest>(record, 'ServiceRequest').length);
    }
    expect(referrals).toBeGreaterThan(PERSONS / 20);
    expect([...statuses].sort()).toEqual(['active', 'completed']);
  });

  it('gives the demo specialist a patient of the demo GP by an active referral, whatever the seed', () => {
    for (const seed of ['synthetic-test', 'another seed', 'civitas']) {
      const people = seed === 'synthetic-test' ? subjects : healthSubjects(seed, 120);
      const context =
        seed === 'synthetic-test' ? ctx : generateContext(people, { seed, persons: 120, instance });
      const specialist = context.directory.demoSpecialist!.practitioner.reference;
      const referred = people.filter((subject) =>
        generateRecord(subject, context).resources.some(
          (r) =>
            r.resourceType === 'ServiceRequest' &&
            r.status === 'active' &&
            r.performer?.some((p) => p.reference === specialist),
        ),
      );
      expect(referred.length, seed).toBeGreaterThan(0);
      const first = referred.find((subject) => subject.personalNumber === context.demoReferral)!;
      expect(first, seed).toBeDefined();
      expect([first.index >= 8, context.gpOf(first) === context.directory.demoGp]).toEqual([true, true]);
      expect(Number(context.today.slice(0, 4)) - Number(first.birthDate.slice(0, 4))).toBeGreaterThanOrEqual(
        DEMO_REFERRAL_MIN_AGE,
      );
      // Nobody is referred to themselves, and the demo citizen to nobody.
      expect(referred.map((s) => s.index)).not.toContain(DEMO_INDEX.specialist);
      expect(referred.map((s) => s.index)).not.toContain(DEMO_INDEX.citizen);
    }
  });

  it('names the instance’s providers with their exchange subsystems', () => {
    const names = ctx.directory.resources
      .filter((r) => r.resourceType === 'Organization')
      .map((r) => (r as { name?: string }).name);
    for (const name of instance.healthcare.providers.keys()) expect(names).toContain(name);
  });
});
