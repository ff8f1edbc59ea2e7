import { loadConfig } from '../platform/config';
import { CONFIG_VOCABULARY } from './config-vocabulary';

describe('COMPLIANCE_FRAMEWORKS at startup', () => {
  it('offers the frameworks listed, upper-cased and each once, or SOC2, ISO27001 and GDPR when unset', () => {
    expect(loadConfig({ COMPLIANCE_FRAMEWORKS: ' hipaa, GDPR,hipaa ' }, CONFIG_VOCABULARY).compliance.frameworks).toEqual(['HIPAA', 'GDPR']);
    expect(loadConfig({}, CONFIG_VOCABULARY).compliance.frameworks).toEqual(['SOC2', 'ISO27001', 'GDPR']);
  });

  it('refuses a framework the compliance catalogue does not have, naming the ones it has', () => {
    expect(() => loadConfig({ COMPLIANCE_FRAMEWORKS: 'SOC2,PCI-DSS' }, CONFIG_VOCABULARY)).toThrow(
      'Environment variable COMPLIANCE_FRAMEWORKS lists unknown frameworks (PCI-DSS); known: SOC2, ISO27001, GDPR, HIPAA',
    );
  });
});
