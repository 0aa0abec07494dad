import { describe, expect, it } from 'vitest';
import { TEST_INSTANCE } from '../../test/instance.ts';
import { webLocales, webText } from '../../test/web-locales.ts';

const locales = webLocales();
// The Bulgarian instance's administrations (the web has no words for another instance's yet: issue 19).
const CATALOGUE = TEST_INSTANCE.catalogue.members;

/** Issue 14, item 16: administrations and their systems by name on every screen, never by id. */
describe.each([...locales.keys()])('the web app in %s', (language) => {
  const resource = locales.get(language)!;

  it('names every administration of the exchange, never by its code', () => {
    for (const member of CATALOGUE) {
      const name = webText(resource, 'administrations', member.memberCode);
      expect(name, member.memberCode).toBeDefined();
      expect(name, member.memberCode).not.toMatch(/BG\/GOV|^[0-9]{9}$/);
      // In Bulgarian, the name the administration is registered under.
      if (language === 'bg') expect(name).toBe(member.name);
    }
  });

  it('names every system (register or information system) of the exchange, never by its code', () => {
    for (const member of CATALOGUE) {
      for (const subsystem of member.subsystems) {
        const name = webText(resource, 'registers', subsystem.code);
        expect(name, subsystem.code).toBeDefined();
        expect(name, subsystem.code).not.toBe(subsystem.code);
        expect(name, subsystem.code).not.toMatch(/BG\/GOV|^[0-9]{9}$/);
      }
    }
  });
});
