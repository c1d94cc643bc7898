import { startTestApp, TestApp, waitForJob } from './harness';

/** The registry through HTTP, on the real database (Postgres, or PGlite in the pglite project) and Redis. */
describe(`registry over HTTP (${process.env.TEST_DB ?? 'postgres'})`, () => {
  let t: TestApp;
  let organizer: string;
  let conferenceId: string;

  const BOM = '\uFEFF';
  // Semicolons, CRLF, a quoted address with a line break, Vietnamese headers, one bad row.
  const pointsCsv =
    BOM +
    [
      'Mã điểm cầu;Tên điểm cầu;Quận/Huyện;Phường/Xã;Địa chỉ;Số đại biểu;Người phụ trách;Số điện thoại',
      'BDI-01;Điểm cầu phường Phúc Xá;Ba Đình;Phúc Xá;"Số 1 Nguyễn Thiệp;\r\nphường Phúc Xá";35;Nguyễn Văn An;0912345678',
      'BDI-02;Điểm cầu phường Trúc Bạch;Ba Đình;Trúc Bạch;Số 2 Trúc Bạch;40;Trần Thị Bình;0912345679',
      'HKI-01;Điểm cầu phường Hàng Bạc;Hoàn Kiếm;Hàng Bạc;;abc;Lê Văn Cường;0912345680',
      'HKI-02;Điểm cầu phường Hàng Đào;Hoàn Kiếm;Hàng Đào;;30;Phạm Văn Dũng;0912345681',
    ].join('\r\n') +
    '\r\n';
  const delegatesCsv = [
    'Mã đại biểu,Họ và tên,Chức vụ,Đơn vị,Mã điểm cầu',
    'DB-1,Nguyễn Văn Ánh,Bí thư Đảng ủy,"UBND phường Phúc Xá, Ba Đình",BDI-01',
    'DB-2,Trần Thị Hoa,Chủ tịch UBND,UBND phường Trúc Bạch,BDI-02',
    'DB-3,Lê Minh Tuấn,Cán bộ,UBND phường Hàng Đào,ZZZ-99',
    'DB-4,,Cán bộ,UBND phường Hàng Đào,HKI-02',
  ].join('\n');

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const upload = (path: string, token: string, content: string | Buffer, name = 'file.csv', conference?: string) => {
    const req = t.http().post(path).set(auth(token)).attach('file', Buffer.from(content), name);
    return conference ? req.field('conferenceId', conference) : req;
  };

  beforeAll(async () => {
    t = await startTestApp(undefined, { PUBLIC_URL: 'https://hop.example.vn/' });
    organizer = await t.userToken('organizer');
    const res = await t
      .http()
      .post('/api/conferences')
      .set(auth(organizer))
      .send({ title: 'Hội nghị thử', startsAt: '2026-12-01T01:00:00.000Z', endsAt: '2026-12-01T04:30:00.000Z' })
      .expect(201);
    conferenceId = res.body.id;
  }, 60_000);
  afterAll(() => t?.close());

  it('reports healthy with its database and Redis (or says it runs without Redis)', async () => {
    const res = await t.http().get('/api/health').expect(200);
    const redis = t.coordination === 'redis' ? 'ok' : 'in-process';
    expect(res.body).toMatchObject({ status: 'ok', db: 'ok', redis, coordination: t.coordination, database: t.db });
    const about = await t.http().get('/api/about').expect(200);
    expect(about.body).toEqual({ version: '0.1.0', publicUrl: 'https://hop.example.vn', cityName: 'Hà Nội' });
  });

  it('refuses wrong passwords, missing tokens and malformed bodies with stable codes', async () => {
    const bad = await t.http().post('/api/auth/login').send({ username: 'admin', password: 'nope' }).expect(401);
    expect(bad.body).toMatchObject({ statusCode: 401, code: 'INVALID_CREDENTIALS' });
    const none = await t.http().get('/api/conferences').expect(401);
    expect(none.body.code).toBe('UNAUTHENTICATED');
    const forged = await t.http().get('/api/conferences').set(auth('abc.def.ghi')).expect(401);
    expect(forged.body.code).toBe('UNAUTHENTICATED');
    const json = await t.http().post('/api/auth/login').set('Content-Type', 'application/json').send('{"username":').expect(400);
    expect(json.body.code).toBe('VALIDATION_FAILED');
    const extra = await t.http().post('/api/auth/login').send({ username: 'a', password: 'b', admin: true }).expect(400);
    expect(extra.body.code).toBe('VALIDATION_FAILED');
    const missing = await t.http().get('/api/no-such-thing').set(auth(organizer)).expect(404);
    expect(missing.body.code).toBe('ROUTE_NOT_FOUND');
  });

  it('creates a conference with an agenda and moves it through its statuses', async () => {
    const created = await t
      .http()
      .post('/api/conferences')
      .set(auth(organizer))
      .send({
        title: '  Hội nghị quán triệt Nghị quyết  ',
        startsAt: '2026-12-02T01:00:00.000Z',
        agenda: [{ title: 'Khai mạc', speaker: 'Chủ tịch UBND', durationMinutes: 10 }],
      })
      .expect(201);
    expect(created.body).toMatchObject({ title: 'Hội nghị quán triệt Nghị quyết', status: 'draft', pointCount: 0 });
    expect(created.body.agenda).toHaveLength(1);
    const id = created.body.id;

    const agenda = await t
      .http()
      .put(`/api/conferences/${id}/agenda`)
      .set(auth(organizer))
      .send({ items: [{ title: 'Báo cáo', durationMinutes: 30 }, { title: 'Bế mạc', plannedStart: '2026-12-02T04:00:00.000Z' }] })
      .expect(200);
    expect(agenda.body.map((a: { title: string }) => a.title)).toEqual(['Báo cáo', 'Bế mạc']);

    await t.http().patch(`/api/conferences/${id}`).set(auth(organizer)).send({ status: 'scheduled' }).expect(200);
    const wrong = await t.http().patch(`/api/conferences/${id}`).set(auth(organizer)).send({ status: 'ended' }).expect(409);
    expect(wrong.body.code).toBe('CONFERENCE_INVALID_TRANSITION');
    const schedule = await t
      .http()
      .patch(`/api/conferences/${id}`)
      .set(auth(organizer))
      .send({ endsAt: '2026-12-01T00:00:00.000Z' })
      .expect(400);
    expect(schedule.body.code).toBe('CONFERENCE_INVALID_SCHEDULE');
    const date = await t.http().post('/api/conferences').set(auth(organizer)).send({ title: 'x', startsAt: 'tomorrow' }).expect(400);
    expect(date.body.code).toBe('VALIDATION_FAILED');
    expect(date.body.details[0].field).toBe('startsAt');

    const got = await t.http().get(`/api/conferences/${id}`).set(auth(organizer)).expect(200);
    expect(got.body).toMatchObject({ status: 'scheduled', agenda: [{ position: 0 }, { position: 1 }] });
    const unknown = await t.http().get('/api/conferences/6f1c1f5e-0000-4000-8000-000000000000').set(auth(organizer)).expect(404);
    expect(unknown.body.code).toBe('CONFERENCE_NOT_FOUND');
    const notUuid = await t.http().get('/api/conferences/123').set(auth(organizer)).expect(400);
    expect(notUuid.body.code).toBe('VALIDATION_FAILED');
  });

  it('imports points with row errors, registers them for the conference, and re-imports to no change', async () => {
    const { body } = await upload('/api/bridge-points/import', organizer, pointsCsv, 'points.csv', conferenceId).expect(202);
    const job = await waitForJob(t, organizer, body.jobId);
    expect(job).toMatchObject({ state: 'completed', progress: 100, failedReason: null });
    expect(job.result).toMatchObject({ total: 4, created: 3, updated: 0, unchanged: 0, errorCount: 1 });
    // The bad row starts on physical line 5: the quoted address spans lines 2-3.
    expect(job.result.errors).toEqual([{ line: 5, field: 'expectedDelegates', message: expect.stringContaining('abc'), code: 'NOT_WHOLE_NUMBER', params: { value: 'abc' } }]);

    const points = await t.http().get(`/api/conferences/${conferenceId}/points`).set(auth(organizer)).expect(200);
    expect(points.body).toHaveLength(3);
    const phucXa = points.body.find((p: { code: string }) => p.code === 'BDI-01');
    expect(phucXa).toMatchObject({
      name: 'Điểm cầu phường Phúc Xá',
      unit: 'Phúc Xá',
      district: 'Ba Đình',
      expectedDelegates: 35,
      operatorPhone: '0912345678',
      status: 'expected',
    });
    expect(phucXa.address).toContain('phường Phúc Xá');
    expect(phucXa.joinCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{13}$/);

    const again = await upload('/api/bridge-points/import', organizer, pointsCsv, 'points.csv', conferenceId).expect(202);
    const second = await waitForJob(t, organizer, again.body.jobId);
    expect(second.result).toMatchObject({ created: 0, updated: 0, unchanged: 3, errorCount: 1 });
    const after = await t.http().get(`/api/conferences/${conferenceId}/points`).set(auth(organizer)).expect(200);
    expect(after.body.find((p: { code: string }) => p.code === 'BDI-01').joinCode).toBe(phucXa.joinCode);

    const changed = await upload('/api/bridge-points/import', organizer, pointsCsv.replace(';35;', ';36;'), 'points.csv').expect(202);
    expect((await waitForJob(t, organizer, changed.body.jobId)).result).toMatchObject({ created: 0, updated: 1, unchanged: 2 });

    const filtered = await t
      .http()
      .get(`/api/conferences/${conferenceId}/points`)
      .query({ search: 'truc bach' })
      .set(auth(organizer))
      .expect(200);
    expect(filtered.body.map((p: { code: string }) => p.code)).toEqual(['BDI-02']);
    const units = await t.http().get('/api/units').set(auth(organizer)).expect(200);
    const baDinh = units.body.find((u: { name: string; kind: string }) => u.kind === 'district' && u.name === 'Ba Đình');
    expect(units.body.filter((u: { parentId: string }) => u.parentId === baDinh.id).map((u: { name: string }) => u.name).sort()).toEqual(['Phúc Xá', 'Trúc Bạch']);
    const inDistrict = await t.http().get(`/api/conferences/${conferenceId}/points`).query({ unitId: baDinh.id }).set(auth(organizer)).expect(200);
    expect(inDistrict.body.map((p: { code: string }) => p.code)).toEqual(['BDI-01', 'BDI-02']);
  });

  it('imports delegates, reporting unknown points and empty names by line', async () => {
    const { body } = await upload('/api/delegates/import', organizer, delegatesCsv, 'delegates.csv').expect(202);
    const job = await waitForJob(t, organizer, body.jobId);
    expect(job.result).toMatchObject({ total: 4, created: 2, errorCount: 2 });
    expect(job.result.errors.map((e: { line: number; field: string }) => [e.line, e.field])).toEqual([
      [4, 'pointCode'],
      [5, 'fullName'],
    ]);
    const found = await t.http().get('/api/delegates').query({ search: 'nguyen van anh' }).set(auth(organizer)).expect(200);
    expect(found.body.items).toEqual([expect.objectContaining({ code: 'DB-1', fullName: 'Nguyễn Văn Ánh', pointCode: 'BDI-01' })]);
    const again = await upload('/api/delegates/import', organizer, delegatesCsv, 'delegates.csv').expect(202);
    expect((await waitForJob(t, organizer, again.body.jobId)).result).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
  });

  it('rejects files that are not the expected table before queuing anything', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const notTable = await upload('/api/bridge-points/import', organizer, png, 'photo.png').expect(400);
    expect(notTable.body.code).toBe('IMPORT_NOT_A_TABLE');
    const noCode = await upload('/api/bridge-points/import', organizer, 'Tên điểm cầu,Số đại biểu\nA,3\n').expect(400);
    expect(noCode.body.code).toBe('IMPORT_MISSING_COLUMNS');
    expect(noCode.body.message).toContain('Mã điểm cầu');
    const noFile = await t.http().post('/api/delegates/import').set(auth(organizer)).field('conferenceId', conferenceId).expect(400);
    expect(noFile.body.code).toBe('IMPORT_FILE_MISSING');
    const badConference = await upload('/api/bridge-points/import', organizer, pointsCsv, 'p.csv', 'nope').expect(400);
    expect(badConference.body.code).toBe('VALIDATION_FAILED');
    const missingJob = await t.http().get('/api/jobs/does-not-exist').set(auth(organizer)).expect(404);
    expect(missingJob.body.code).toBe('JOB_NOT_FOUND');
  });

  it('keeps imports and join codes to organizers; an operator token reaches only its own conference', async () => {
    await upload('/api/bridge-points/import', 'x', pointsCsv).expect(401);
    const moderator = await t.userToken('moderator');
    expect((await upload('/api/bridge-points/import', moderator, pointsCsv).expect(403)).body.code).toBe('FORBIDDEN');
    expect((await t.http().get(`/api/conferences/${conferenceId}/points`).set(auth(moderator)).expect(403)).body.code).toBe('FORBIDDEN');

    const points = await t.http().get(`/api/conferences/${conferenceId}/points`).set(auth(organizer)).expect(200);
    const point = points.body[0];
    const session = await t.http().post('/api/point-sessions').send({ joinCode: point.joinCode.toLowerCase() }).expect(201);
    expect(session.body).toMatchObject({ conferenceId, pointId: point.id });
    const operator = session.body.accessToken;
    await t.http().get(`/api/conferences/${conferenceId}`).set(auth(operator)).expect(200);
    await upload('/api/delegates/import', operator, delegatesCsv).expect(403);
    await t.http().get(`/api/conferences/${conferenceId}/points`).set(auth(operator)).expect(403);
    await t.http().get('/api/jobs/x').set(auth(operator)).expect(403);
    const other = await t.http().post('/api/conferences').set(auth(organizer)).send({ title: 'Khác', startsAt: '2026-12-05T01:00:00Z' }).expect(201);
    expect((await t.http().get(`/api/conferences/${other.body.id}`).set(auth(operator)).expect(403)).body.code).toBe('FORBIDDEN');

    const rotated = await t.http().post(`/api/conferences/${conferenceId}/points/${point.id}/join-code`).set(auth(organizer)).expect(200);
    expect(rotated.body.joinCode).not.toBe(point.joinCode);
    const stranger = '6f1c1f5e-0000-4000-8000-000000000000';
    expect((await t.http().post(`/api/conferences/${conferenceId}/points/${stranger}/join-code`).set(auth(organizer)).expect(404)).body.code).toBe('POINT_NOT_IN_CONFERENCE');
    expect((await t.http().delete(`/api/conferences/${conferenceId}/points/${stranger}`).set(auth(organizer)).expect(404)).body.code).toBe('POINT_NOT_IN_CONFERENCE');
    const old = await t.http().post('/api/point-sessions').send({ joinCode: point.joinCode }).expect(401);
    expect(old.body.code).toBe('JOIN_CODE_INVALID');
    await t.http().post('/api/point-sessions').send({ joinCode: rotated.body.joinCode }).expect(201);
    expect((await t.http().post('/api/point-sessions').send({ joinCode: 42 }).expect(400)).body.code).toBe('VALIDATION_FAILED');
  });
});
