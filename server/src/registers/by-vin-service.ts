import { type ExchangeServiceDefinition, ok } from '../exchange/service-definition.ts';
import { camelRow } from '../kernel/camel-case.ts';
import { vinParam } from './exchange-params.ts';

export interface ByVinService {
  subsystem: string;
  code: string;
  name: string;
  description: string;
  summary: string;
  find(vin: string): Promise<object[]>;
}

/** A register service with one endpoint, `GET /by-vin/{vin}`: a vehicle's records, in order. */
export function byVinService(service: ByVinService): ExchangeServiceDefinition {
  return {
    subsystem: service.subsystem,
    code: service.code,
    name: service.name,
    description: service.description,
    endpoints: [
      {
        method: 'GET',
        path: '/by-vin/{vin}',
        summary: service.summary,
        personalData: false,
        async handle({ vin }) {
          const checked = vinParam(vin);
          if (!checked.ok) return checked.response;
          return ok((await service.find(checked.value)).map(camelRow));
        },
      },
    ],
  };
}
