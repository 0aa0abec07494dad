import { checkEgn } from '@civitas/contracts/ids/egn.ts';
import { checkEik } from '@civitas/contracts/ids/eik.ts';
import type { Connection } from '../../db/connection.ts';
import {
  type ExchangeServiceDefinition,
  notFound,
  ok,
  problemAnswer,
} from '../../exchange/service-definition.ts';
import { camelRow } from '../../kernel/camel-case.ts';
import { registerErrors } from '../errors.ts';
import { plateParam, vinParam } from '../exchange-params.ts';
import { VehicleRegister } from './service.ts';

export function vehicleServices(db: Connection): ExchangeServiceDefinition[] {
  const register = new VehicleRegister(db);
  return [
    {
      subsystem: 'vehicle-register',
      code: 'vehicles',
      name: 'Registered vehicles',
      description:
        'A vehicle by VIN or plate (technical data, status, stolen flag), its registration history, and the vehicles an owner holds.',
      endpoints: [
        {
          method: 'GET',
          path: '/{vin}',
          summary: 'A vehicle by VIN',
          personalData: false,
          async handle({ vin }) {
            const checked = vinParam(vin);
            if (!checked.ok) return checked.response;
            const vehicle = await register.findByVin(checked.value);
            return vehicle ? ok(camelRow(vehicle)) : notFound('No vehicle with this VIN in the register.');
          },
        },
        {
          method: 'GET',
          path: '/by-plate/{plate}',
          summary: 'A vehicle by registration plate',
          personalData: false,
          async handle({ plate }) {
            const checked = plateParam(plate);
            if (!checked.ok) return checked.response;
            const vehicle = await register.findByPlate(checked.value);
            return vehicle ? ok(camelRow(vehicle)) : notFound('No vehicle with this plate in the register.');
          },
        },
        {
          method: 'GET',
          path: '/{vin}/registrations',
          summary:
            'Registration history of a vehicle (owners are personal data; without X-Road-Data-Subject the register names the current owner as the subject)',
          personalData: true,
          subjectOfAnswer: currentPersonOwner,
          async handle({ vin }) {
            const checked = vinParam(vin);
            if (!checked.ok) return checked.response;
            const history = await register.registrationHistory(checked.value);
            // A registered vehicle always has a history; only an empty one asks whether it exists.
            if (history.length === 0 && !(await register.findByVin(checked.value)))
              return notFound('No vehicle with this VIN in the register.');
            return ok(history.map(camelRow));
          },
        },
        {
          method: 'GET',
          path: '/by-owner/{ownerId}',
          summary: 'Vehicles currently registered to an owner (EGN or EIK)',
          personalData: true,
          async handle({ ownerId }) {
            const id = ownerId ?? '';
            if (checkEgn(id) && checkEik(id)) {
              return problemAnswer(
                registerErrors,
                'invalid-owner-id',
                'The owner must be a valid EGN or EIK.',
              );
            }
            return ok((await register.findByCurrentOwner(id)).map(camelRow));
          },
        },
      ],
    },
  ];
}

/** The data subject of a registration history: its current owner, when that is a person. */
export function currentPersonOwner(body: unknown): string | null {
  if (!Array.isArray(body) || body.length === 0) return null;
  const last = body.at(-1) as { ownerKind?: unknown; ownerId?: unknown };
  return last.ownerKind === 'person' && typeof last.ownerId === 'string' ? last.ownerId : null;
}
