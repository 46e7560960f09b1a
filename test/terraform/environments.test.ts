import { describe, expect, it } from 'vitest';
import { orderEnvironments, owningEnvironment, splitEnvName } from '../../src/terraform/environments.js';

describe('splitEnvName', () => {
  it('finds the environment as a prefix, a suffix or an inner token, with _ or -', () => {
    expect(splitEnvName('dev_vpc')).toEqual({ env: 'dev', base: 'vpc' });
    expect(splitEnvName('vpc_prod')).toEqual({ env: 'prod', base: 'vpc' });
    expect(splitEnvName('web-staging')).toEqual({ env: 'staging', base: 'web' });
    expect(splitEnvName('network_qa')).toEqual({ env: 'qa', base: 'network' });
    expect(splitEnvName('edge_live')).toEqual({ env: 'live', base: 'edge' });
    expect(splitEnvName('lb_qa_http')).toEqual({ env: 'qa', base: 'lb_http' });
    expect(splitEnvName('dev_web_sg')).toEqual({ env: 'dev', base: 'web_sg' });
    expect(splitEnvName('Prod_DB')).toEqual({ env: 'prod', base: 'DB' });
  });

  it('needs exactly one whole token and something left', () => {
    expect(splitEnvName('dev_to_prod_peering')).toBeNull(); // two environments
    expect(splitEnvName('devices')).toBeNull(); // not a whole token
    expect(splitEnvName('prod')).toBeNull(); // nothing left
    expect(splitEnvName('artifacts')).toBeNull();
  });

  it('takes the given environments instead of the usual names', () => {
    expect(splitEnvName('api_blue', ['blue', 'green'])).toEqual({ env: 'blue', base: 'api' });
    expect(splitEnvName('api_dev', ['blue', 'green'])).toBeNull();
  });
});

describe('orderEnvironments and owningEnvironment', () => {
  it('orders the lifecycle way, others alphabetically after', () => {
    expect(orderEnvironments(['prod', 'zeta', 'dev', 'staging', 'alpha', 'dev'])).toEqual(['dev', 'staging', 'prod', 'alpha', 'zeta']);
    expect(orderEnvironments(['live', 'qa'])).toEqual(['qa', 'live']);
  });

  it('gives shared blocks to the production-like environment, else the last', () => {
    expect(owningEnvironment(['dev', 'staging', 'prod'])).toBe('prod');
    expect(owningEnvironment(['qa', 'live'])).toBe('live');
    expect(owningEnvironment(['blue', 'green'])).toBe('green');
  });
});
