import { describe, expect, it } from 'vitest';
import { transliterate } from './translit.ts';

describe('Bulgarian transliteration', () => {
  it.each([
    ['София', 'Sofia'],
    ['България', 'Bulgaria'],
    ['Живков', 'Zhivkov'],
    ['Щастливец', 'Shtastlivets'],
    ['Йордан', 'Yordan'],
    ['Цветелина', 'Tsvetelina'],
    ['Юлия', 'Yulia'],
    ['Христо', 'Hristo'],
    ['Георгиев', 'Georgiev'],
    ['Димитър', 'Dimitar'],
    ['Жечев', 'Zhechev'],
    ['Щерев', 'Shterev'],
    ['ЩЕРЕВ', 'SHTEREV'],
    ['СОФИЯ', 'SOFIA'],
    ['БЪЛГАРИЯ', 'BULGARIA'],
    ['Република България', 'Republika Bulgaria'],
    ['Стара Загора', 'Stara Zagora'],
    ['Ямбол', 'Yambol'],
    ['Пловдив', 'Plovdiv'],
    ['Кърджали', 'Kardzhali'],
    // The rest of the Act's own examples (Art. 4).
    ['Самоков', 'Samokov'],
    ['Шумен', 'Shumen'],
    ['Русе', 'Ruse'],
    ['Пещера', 'Peshtera'],
    ['Благоевград', 'Blagoevgrad'],
    ['Гюешево', 'Gyueshevo'],
  ])('%s → %s', (cyrillic, latin) => {
    expect(transliterate(cyrillic)).toBe(latin);
  });

  it('keeps "ия" as "iya" inside a word', () => {
    expect(transliterate('Илиян')).toBe('Iliyan');
    expect(transliterate('Ияница')).toBe('Iyanitsa');
  });

  it('passes non-Cyrillic characters unchanged', () => {
    expect(transliterate('ул. „Граф Игнатиев“ 15, ап. 3')).toBe('ul. „Graf Ignatiev“ 15, ap. 3');
    expect(transliterate('ABC-123')).toBe('ABC-123');
  });
});
