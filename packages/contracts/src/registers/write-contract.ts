import type { Static, TSchema } from '@sinclair/typebox';

/**
 * A register's write service: a POST under the service's path whose JSON body and answer are
 * declared once, like a lookup's contract. The register validates the body; the caller's node logs
 * the call with its purpose and legal basis like any other. Browser-safe (TypeBox only).
 */
export interface WriteContract<Body extends TSchema = TSchema, Result extends TSchema = TSchema> {
  subsystem: string;
  service: string;
  method: 'POST';
  /** Path after the service code, e.g. `/mark-paid`. */
  path: string;
  summary: string;
  /** True when the write concerns a person: the request names its data subject. */
  personalData: boolean;
  body: Body;
  answer: Result;
}

export type BodyOf<W extends WriteContract> = Static<W['body']>;
export type ResultOf<W extends WriteContract> = Static<W['answer']>;
