import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../services.js';

/** Audit log routes (GET /audit), for auditors. */
export const auditRoutes = new OpenAPIHono<AppEnv>();
