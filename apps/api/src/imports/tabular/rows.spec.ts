import { normalizePhone, validateDelegateRow, validatePointRow } from './rows';
import type { TableRow } from './tabular.types';

const pointRow = (values: Record<string, string>, line = 5): TableRow => ({
  line,
  values: {
    code: 'bdi-01', name: 'Phường Phúc Xá', district: 'Quận Ba Đình', ward: 'Phường Phúc Xá', agency: '',
    address: '', expectedDelegates: '', operatorName: '', operatorPhone: '', operatorEmail: '', ...values,
  },
});

/** Errors as line, field and English message (codes are checked on their own below). */
const errorsOf = (result: ReturnType<typeof validatePointRow> | ReturnType<typeof validateDelegateRow>) =>
  result.ok ? [] : result.errors.map(({ line, field, message }) => ({ line, field, message }));

describe('validatePointRow', () => {
  it('accepts a full row, upper-cases the code and turns blanks into null', () => {
    const result = validatePointRow(pointRow({ expectedDelegates: ' 35 ', operatorPhone: '091 234 5678' }));
    expect(result).toEqual({
      ok: true,
      value: {
        code: 'BDI-01', name: 'Phường Phúc Xá', district: 'Quận Ba Đình', ward: 'Phường Phúc Xá', agency: null,
        address: null, expectedDelegates: 35, operatorName: null, operatorPhone: '0912345678', operatorEmail: null,
      },
    });
  });

  it('keeps an operator email as written with its domain lower-cased, and refuses what is not an address', () => {
    const ok = validatePointRow(pointRow({ operatorEmail: ' Phuc.Xa@BaDinh.HaNoi.gov.vn ' }));
    expect(ok.ok && ok.value.operatorEmail).toBe('Phuc.Xa@badinh.hanoi.gov.vn');
    for (const bad of ['phucxa', 'phuc xa@badinh.vn', 'phucxa@badinh', '@badinh.vn']) {
      expect(errorsOf(validatePointRow(pointRow({ operatorEmail: bad })))).toEqual([
        { line: 5, field: 'operatorEmail', message: `"${bad}" is not an email address` },
      ]);
    }
  });

  it.each([['', 0], ['35', 35], ['35.0', 35], ['35,00', 35], ['100000', 100000]])(
    'reads expected delegates %j as %d',
    (input, expected) => {
      const result = validatePointRow(pointRow({ expectedDelegates: input }));
      expect(result.ok && result.value.expectedDelegates).toBe(expected);
    },
  );

  it.each([
    ['abc', '"abc" is not a whole number'],
    ['3.5', '"3.5" is not a whole number'],
    ['-1', '"-1" is negative'],
    ['100001', '"100001" is more than 100000'],
    ['1.000', '"1.000" is ambiguous: write the number without separators'],
  ])('rejects expected delegates %j', (input, message) => {
    expect(errorsOf(validatePointRow(pointRow({ expectedDelegates: input })))).toEqual([
      { line: 5, field: 'expectedDelegates', message },
    ]);
  });

  it('reports every bad field of a row with its line', () => {
    const errors = errorsOf(validatePointRow(pointRow({ code: 'BD 01', name: '', operatorPhone: '12ab' }, 9)));
    expect(errors).toEqual([
      { line: 9, field: 'code', message: '"BD 01" is not a valid code: use letters, digits and - _ . / only' },
      { line: 9, field: 'name', message: 'Name is required' },
      { line: 9, field: 'operatorPhone', message: '"12ab" is not a phone number' },
    ]);
  });

  it('requires a district when a ward is given', () => {
    expect(errorsOf(validatePointRow(pointRow({ district: '' })))).toEqual([
      { line: 5, field: 'district', message: 'Ward "Phường Phúc Xá" needs a district' },
    ]);
  });

  it('accepts an agency point without district or ward', () => {
    const result = validatePointRow(pointRow({ code: 'SO-NOIVU', name: 'Sở Nội vụ', district: '', ward: '', agency: 'Sở Nội vụ' }));
    expect(result.ok && result.value.agency).toBe('Sở Nội vụ');
  });

  it('limits codes to 64 characters and names to 255', () => {
    const errors = errorsOf(validatePointRow(pointRow({ code: 'A'.repeat(65), name: 'x'.repeat(256) })));
    expect(errors.map((e) => [e.field, e.message])).toEqual([
      ['code', 'Code is longer than 64 characters'],
      ['name', 'Name is longer than 255 characters'],
    ]);
  });
});

describe('row errors carry a stable code and parameters', () => {
  it('for the interface to word them in its language', () => {
    const result = validatePointRow(pointRow({ code: 'BD 01', expectedDelegates: '1.000' }, 4));
    expect(result.ok ? [] : result.errors.map((e) => [e.field, e.code, e.params])).toEqual([
      ['code', 'INVALID_CODE', { value: 'BD 01' }],
      ['expectedDelegates', 'AMBIGUOUS_NUMBER', { value: '1.000' }],
    ]);
  });

  it.each([
    ['a NUL byte', 'Phường\u0000Phúc Xá', 'U+0000'],
    ['a control character', 'Phường\u0007Phúc Xá', 'U+0007'],
    ['a replacement character (text broken by a wrong encoding)', 'Ph\ufffdng Phúc Xá', 'U+FFFD'],
    ['an unpaired surrogate', 'Phường \ud800', 'U+D800'],
  ])('rejects %s in a cell as an error of that row and field', (_label, name, character) => {
    const result = validatePointRow(pointRow({ name }, 12));
    expect(result.ok ? [] : result.errors).toEqual([
      {
        line: 12,
        field: 'name',
        code: 'INVALID_CHARACTERS',
        params: { character },
        message: `The cell holds a character that is not text (${character}); retype the cell or remove the character`,
      },
    ]);
  });
});

describe('normalizePhone', () => {
  it.each([
    ['0912345678', '0912345678', undefined],
    ['091.234.5678', '0912345678', undefined],
    ['(024) 3825-1234', '02438251234', undefined],
    ['912345678', '0912345678', 'zero-restored'],
    ['2438251234', '02438251234', 'zero-restored'],
    ['+84 912 345 678', '0912345678', 'country-code'],
    ['84912345678', '0912345678', 'country-code'],
    ['+842438251234', '02438251234', 'country-code'],
    ['842438251234', '02438251234', 'country-code'],
    ['+1 202 555 0100', '+12025550100', undefined],
    ['19001234', '19001234', undefined],
  ])('reads %j as %j (%s)', (input, number, fix) => expect(normalizePhone(input)).toEqual(fix ? { number, fix } : { number }));

  it.each(['12ab', '12345', '091234567890', '+84 12', '0912345678 / 0987654321', '1234567890'])('rejects %j', (input) => {
    expect(normalizePhone(input)).toBeNull();
  });
});

describe('validateDelegateRow', () => {
  const row = (values: Record<string, string>): TableRow => ({
    line: 3,
    values: { code: 'db-000001', fullName: 'Nguyễn Văn Ánh', title: '', unit: '', pointCode: 'bdi-01', ...values },
  });

  it('accepts a row and upper-cases both codes', () => {
    expect(validateDelegateRow(row({ title: 'Chủ tịch UBND' }))).toEqual({
      ok: true,
      value: { code: 'DB-000001', fullName: 'Nguyễn Văn Ánh', title: 'Chủ tịch UBND', unit: null, pointCode: 'BDI-01' },
    });
  });

  it('accepts a delegate without a point', () => {
    const result = validateDelegateRow(row({ pointCode: '' }));
    expect(result.ok && result.value.pointCode).toBeNull();
  });

  it('reports a missing name and a bad point code', () => {
    expect(errorsOf(validateDelegateRow(row({ fullName: '', pointCode: 'BDI 01' })))).toEqual([
      { line: 3, field: 'fullName', message: 'Full name is required' },
      { line: 3, field: 'pointCode', message: '"BDI 01" is not a valid code: use letters, digits and - _ . / only' },
    ]);
  });
});
