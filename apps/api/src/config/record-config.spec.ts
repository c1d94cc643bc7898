import { ConfigError, loadConfig } from './app-config';

describe('record configuration', () => {
  it('heads the record with the city by default, and takes the organizing body, city and host site from the environment', () => {
    expect(loadConfig({ CITY_NAME: 'Đà Nẵng' }).record).toEqual({
      organization: 'Ủy ban nhân dân thành phố Đà Nẵng',
      city: 'Đà Nẵng',
      hostSite: null,
      diffThreshold: 3,
    });
    const record = loadConfig({ RECORD_ORGANIZATION: 'Thành ủy Hà Nội', RECORD_CITY: 'Hà Nội', RECORD_HOST_SITE: 'Trung tâm Hội nghị', RECORD_DIFF_THRESHOLD: '0' }).record;
    expect(record).toEqual({ organization: 'Thành ủy Hà Nội', city: 'Hà Nội', hostSite: 'Trung tâm Hội nghị', diffThreshold: 0 });
  });

  it('stops at boot on a threshold that is not a whole number, naming the variable', () => {
    expect(() => loadConfig({ RECORD_DIFF_THRESHOLD: 'ba' })).toThrow(ConfigError);
    expect(() => loadConfig({ RECORD_DIFF_THRESHOLD: '-1' })).toThrow(/RECORD_DIFF_THRESHOLD/);
  });
});
