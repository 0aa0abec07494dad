import { describe, expect, it } from 'vitest';
import { filenameFromContentDisposition } from './downloaded-file.ts';

describe('filenameFromContentDisposition', () => {
  it('reads a quoted file name', () => {
    expect(
      filenameFromContentDisposition('attachment; filename="vehicle-report-VR-1234-5678-9ABC.pdf"'),
    ).toBe('vehicle-report-VR-1234-5678-9ABC.pdf');
  });

  it('reads an unquoted file name', () => {
    expect(filenameFromContentDisposition('attachment; filename=report.pdf')).toBe('report.pdf');
  });

  it('prefers the UTF-8 extended file name', () => {
    expect(
      filenameFromContentDisposition(
        `attachment; filename="spravka.pdf"; filename*=UTF-8''%D1%81%D0%BF%D1%80%D0%B0%D0%B2%D0%BA%D0%B0.pdf`,
      ),
    ).toBe('справка.pdf');
  });

  it('strips any directory, so a header cannot choose where the file goes', () => {
    expect(filenameFromContentDisposition('attachment; filename="../../etc/passwd"')).toBe('passwd');
    expect(filenameFromContentDisposition('attachment; filename="C:\\\\Windows\\\\win.ini"')).toBe('win.ini');
  });

  it('returns null without a header or a file name', () => {
    expect(filenameFromContentDisposition(null)).toBeNull();
    expect(filenameFromContentDisposition('attachment')).toBeNull();
    expect(filenameFromContentDisposition('attachment; filename=""')).toBeNull();
  });
});
