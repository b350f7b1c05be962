import { z } from 'zod';

// Validation errors reach people (roster files, config, chat usage replies): say them in Chinese.
z.config(z.locales.zhCN());
