process.env.TEST_DB = 'postgres';
delete process.env.COORDINATION;
