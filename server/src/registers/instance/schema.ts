import { type Static, Type } from '@sinclair/typebox';

const Code = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' });
const Text = Type.String({ minLength: 1, maxLength: 300 });
/** A subsystem of this instance without the instance prefix: `CLASS/CODE/SUBSYSTEM`. */
const LocalSubsystemId = Type.String({
  pattern: '^[A-Za-z0-9._-]{1,64}/[A-Za-z0-9._-]{1,64}/[A-Za-z0-9._-]{1,64}$',
});
const Locale = Type.Union([Type.Literal('bg'), Type.Literal('en'), Type.Literal('pl')]);

/**
 * What makes one country's installation of Civitas: its exchange instance identifier, the
 * administrations (members) and their subsystems, which registers it hosts, the exchange clients
 * the platform itself acts as, the personal-number scheme and the default language. Read from
 * `registers/instance/<name>/instance.json` (or a file of one's own) and validated at boot.
 */
export const InstanceFileSchema = Type.Object(
  {
    /** The exchange instance identifier (X-Road `xRoadInstance`), e.g. `BG`. */
    id: Type.String({ pattern: '^[A-Z][A-Z0-9-]{1,15}$' }),
    /** The country's name in each language the interface speaks. */
    names: Type.Record(Locale, Text),
    defaultLocale: Locale,
    personalNumberScheme: Type.Union([Type.Literal('egn'), Type.Literal('pesel')]),
    /** The administrations and the subsystems they run; member codes are the country's company ids. */
    members: Type.Array(
      Type.Object(
        {
          memberClass: Code,
          memberCode: Code,
          name: Text,
          subsystems: Type.Array(Type.Object({ code: Code, name: Text }, { additionalProperties: false }), {
            minItems: 1,
          }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1 },
    ),
    /** The register subsystems hosted (codes the platform's registers provide, each run by one member). */
    registers: Type.Array(Code, { minItems: 1, uniqueItems: true }),
    /**
     * The client subsystems the platform acts as: the citizens' portal, the administrations whose
     * staff use its workspaces, the data-protection authority's auditors, and the wallet issuer.
     */
    clients: Type.Object(
      {
        portal: LocalSubsystemId,
        municipality: LocalSubsystemId,
        police: LocalSubsystemId,
        supervision: LocalSubsystemId,
        /** The wallet issuer: fills credentials from the registers (purpose credential-issuance). */
        wallet: LocalSubsystemId,
      },
      { additionalProperties: false },
    ),
    /**
     * Which client an administration's staff act through, by the organisation their role is held
     * for: only the municipality and the police reach personal data through the workspaces.
     */
    staffClients: Type.Record(Text, Type.Union([Type.Literal('municipality'), Type.Literal('police')])),
    /**
     * The health record: the subsystem that hosts it (the national health information system, a
     * register like the others), and the healthcare providers whose doctors and pharmacists use it,
     * by the organisation their role is held at, each with its own subsystem (an access by one of
     * its staff is logged and shown to the patient as that provider's).
     */
    healthcare: Type.Object(
      {
        record: LocalSubsystemId,
        providers: Type.Record(Text, LocalSubsystemId),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export type InstanceFile = Static<typeof InstanceFileSchema>;
export type InstanceLocale = Static<typeof Locale>;
export type PlatformClient = keyof InstanceFile['clients'];
