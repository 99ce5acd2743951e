import { GraphQLError, Source } from 'graphql';
import { formatGraphqlError } from './format-error';

/** A variable coercion error as graphql-js raises it, with the document it came from. */
function refused(document: string, message: string) {
  const error = new GraphQLError(message, { source: new Source(document), positions: [0], extensions: { code: 'BAD_USER_INPUT' } });
  return formatGraphqlError(error.toJSON(), error).extensions;
}

describe('formatGraphqlError on a variable GraphQL refused', () => {
  it('names the field from the argument the variable is passed to', () => {
    expect(
      refused(
        'mutation($d: [CreatePaymentInput!]!) { createPayments(data: $d) { id } }',
        'Variable "$d" got invalid value "BITCOIN" at "d[0].method"; Value "BITCOIN" does not exist in "PaymentMethod" enum.',
      ),
    ).toEqual({ code: 'BAD_USER_INPUT', field: 'data[0].method' });
    expect(
      refused(
        'mutation($id: ID!, $o: TaskOutcome!) { completeTask(id: $id, outcome: $o, report: "x") { id } }',
        'Variable "$o" got invalid value "MAYBE"; Value "MAYBE" does not exist in "TaskOutcome" enum.',
      ),
    ).toEqual({ code: 'BAD_USER_INPUT', field: 'outcome' });
  });

  it('gives no field when the variable feeds several arguments or none', () => {
    const message = 'Variable "$k" got invalid value "X"; Value "X" does not exist in "LeaseKind" enum.';
    expect(refused('query($k: LeaseKind) { a: leases(filter: { kind: { eq: $k } }) { totalCount } }', message)).toEqual({
      code: 'BAD_USER_INPUT',
    });
    expect(refused('query($k: String) { scenario(key: $k) { key } other: scenario(key: $k) { key } }', message)).toEqual({
      code: 'BAD_USER_INPUT',
    });
  });
});
