import type { Connection } from '../db/connection.ts';
import { registerServices } from '../registers/services.ts';
import type { ExchangeServiceDefinition } from './service-definition.ts';

export const INSTANCE = 'BG';

export interface CatalogueMember {
  memberClass: string;
  memberCode: string;
  name: string;
  subsystems: Array<{ code: string; name: string }>;
}

/**
 * The administrations of the demo instance and the subsystems they run. Member codes are
 * EIKs (valid check digits); the МВР and МРРБ codes are those of the real ministries, the
 * others are demo codes.
 */
export const CATALOGUE: readonly CatalogueMember[] = [
  {
    memberClass: 'GOV',
    memberCode: '831661388',
    name: 'Министерство на регионалното развитие и благоустройството (ГД „ГРАО“)',
    subsystems: [{ code: 'population-register', name: 'Национален регистър на населението' }],
  },
  {
    memberClass: 'GOV',
    memberCode: '000695235',
    name: 'Министерство на вътрешните работи',
    subsystems: [
      { code: 'vehicle-register', name: 'Регистър на моторните превозни средства' },
      { code: 'identity-documents', name: 'Регистър на българските документи за самоличност' },
      { code: 'driving-licences', name: 'Регистър на свидетелствата за управление' },
      { code: 'traffic-fines', name: 'Регистър на електронните фишове и наказателните постановления' },
      { code: 'sofia-police', name: 'Столична дирекция на вътрешните работи' },
    ],
  },
  {
    memberClass: 'GOV',
    memberCode: '130160378',
    name: 'Изпълнителна агенция „Автомобилна администрация“',
    subsystems: [{ code: 'inspections', name: 'Регистър на периодичните технически прегледи' }],
  },
  {
    memberClass: 'GOV',
    memberCode: '000696045',
    name: 'Гаранционен фонд',
    subsystems: [
      {
        code: 'mtpl-insurance',
        name: 'Информационен център – задължителна застраховка „Гражданска отговорност“',
      },
    ],
  },
  {
    memberClass: 'GOV',
    memberCode: '000696327',
    name: 'Столична община',
    subsystems: [
      { code: 'local-taxes', name: 'Местни данъци и такси' },
      { code: 'municipal-administration', name: 'Общинска администрация' },
    ],
  },
  {
    memberClass: 'GOV',
    memberCode: '130961721',
    name: 'Комисия за защита на личните данни',
    subsystems: [{ code: 'supervision', name: 'Надзор по защитата на личните данни' }],
  },
  {
    memberClass: 'GOV',
    memberCode: '177547175',
    name: 'Министерство на електронното управление',
    subsystems: [{ code: 'civitas-portal', name: 'Портал и мобилно приложение Civitas' }],
  },
];

/** The consumer subsystem of the citizens' portal and app. */
export const PORTAL_CLIENT = `${INSTANCE}/GOV/177547175/civitas-portal`;

/**
 * The consumer subsystems through which administrations' staff ask the registers (their
 * workspaces in Civitas): an official's or police officer's access is made, logged and shown to
 * the citizen as their administration's, never as the portal's.
 */
export const MUNICIPALITY_CLIENT = `${INSTANCE}/GOV/000696327/municipal-administration`;
export const POLICE_CLIENT = `${INSTANCE}/GOV/000695235/sofia-police`;
/** The data protection authority's subsystem: auditors' views of usage records are its accesses. */
export const SUPERVISION_CLIENT = `${INSTANCE}/GOV/130961721/supervision`;

/** Which member runs each register subsystem. */
export function memberOfSubsystem(subsystem: string): CatalogueMember {
  const member = CATALOGUE.find((candidate) =>
    candidate.subsystems.some((entry) => entry.code === subsystem),
  );
  if (!member) throw new Error(`no member runs the subsystem ${subsystem}`);
  return member;
}

/** Every register's services, keyed by full service id. */
export function registerServiceDefinitions(
  connection: Connection,
  report?: (error: unknown) => void,
): Map<string, ExchangeServiceDefinition> {
  return new Map(
    registerServices(connection, report).map((definition) => {
      const member = memberOfSubsystem(definition.subsystem);
      return [
        `${INSTANCE}/${member.memberClass}/${member.memberCode}/${definition.subsystem}/${definition.code}`,
        definition,
      ];
    }),
  );
}
