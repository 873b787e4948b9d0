// Tests never log: the pino logger the code receives in tests is silent unless a test captures it.
process.env.LOG_LEVEL = 'silent';
