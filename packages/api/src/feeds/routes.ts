import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../services.js';

/** Feed submission routes (POST /contracts/{name}/feeds/{source}). */
export const feedRoutes = new OpenAPIHono<AppEnv>();
