import type { FastifyInstance } from 'fastify';
import type { SwaggerTransform } from '@fastify/swagger';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';

/**
 * The routes declared in dashboard/contract validate their input and serialise their output with
 * its zod schemas: what a response schema does not name is never sent. Called on the plugin scope
 * that holds those routes, so that plugins with JSON schemas of their own keep Fastify's defaults.
 */
export function useContractSchemas(scope: FastifyInstance): void {
  scope.setValidatorCompiler(validatorCompiler);
  scope.setSerializerCompiler(serializerCompiler);
}

/** A route module's view of the app: request and reply typed by the route's zod schemas. */
export function contractRoutes(app: FastifyInstance) {
  return app.withTypeProvider<ZodTypeProvider>();
}

const isZod = (value: unknown): value is z.ZodType => value instanceof z.ZodType;

/** A response declared with a zod schema, either directly or per content type. */
function isZodResponse(value: unknown): boolean {
  if (isZod(value)) return true;
  if (value === null || typeof value !== 'object' || !('content' in value)) return false;
  const content = (value as { content: Record<string, { schema?: unknown }> }).content;
  return Object.values(content).some((type) => isZod(type.schema));
}

/** The OpenAPI document from the zod schemas; routes with JSON schemas (plugins) pass as they are. */
export const openApiTransform: SwaggerTransform = (document) => {
  const { schema, url } = document;
  const declared =
    schema !== undefined &&
    ([schema.params, schema.querystring, schema.body, schema.headers].some(isZod) ||
      Object.values((schema.response ?? {}) as Record<string, unknown>).some(isZodResponse));
  return declared ? jsonSchemaTransform(document) : { schema, url };
};
