import { expect } from 'chai';
import { PASSWORD_MAX, PASSWORD_MIN, passwordProblem } from '../../src/lib/password-policy.js';

describe('passwordProblem (the sign-up password policy)', () => {
  it('accepts a long, uncommon password without the username', () => {
    expect(passwordProblem('Une longue phrase 42!', 'alice')).to.equal(undefined);
    expect(passwordProblem('x'.repeat(9) + 'y', 'bob')).to.equal(undefined);
  });

  it(`refuses fewer than ${PASSWORD_MIN} characters, and says so`, () => {
    expect(passwordProblem('Court1!', 'alice')).to.equal(
      'The password must be at least 10 characters long',
    );
    expect(passwordProblem('', 'alice')).to.match(/at least 10/);
    expect(passwordProblem('abcdefghi!', 'zoe')).to.equal(undefined);
  });

  it(`refuses more than ${PASSWORD_MAX} characters; counts characters, not UTF-16 units`, () => {
    expect(passwordProblem('ab'.repeat(64), 'alice')).to.equal(undefined);
    expect(passwordProblem(`${'ab'.repeat(64)}c`, 'alice')).to.equal(
      'The password must be at most 128 characters long',
    );
    // Five emoji are ten UTF-16 units but five characters.
    expect(passwordProblem('🔑🚪🏠🌳🌊', 'alice')).to.match(/at least 10/);
  });

  it('refuses the username, or a password containing it, whatever the case', () => {
    const rule = 'The password must not contain the username';
    expect(passwordProblem('jean.dupont', 'jean.dupont')).to.equal(rule);
    expect(passwordProblem('JEAN.DUPONT', 'jean.dupont')).to.equal(rule);
    expect(passwordProblem('MonNomEstJean.Dupont!', 'jean.dupont')).to.equal(rule);
    expect(passwordProblem('Une longue phrase 42!', 'Phrase')).to.equal(rule);
  });

  it('refuses a common password, whatever the case', () => {
    const rule = 'This password is too common; choose another';
    for (const common of ['password123', 'azerty1234', 'motdepasse', '1234567890', 'AZERTYUIOP']) {
      expect(passwordProblem(common, 'someone'), common).to.equal(rule);
    }
    expect(passwordProblem('MotDePasse123', 'someone')).to.equal(rule);
  });

  it('refuses one character repeated', () => {
    const rule = 'The password must not repeat a single character';
    expect(passwordProblem('zzzzzzzzzzzz', 'someone')).to.equal(rule);
    expect(passwordProblem('€€€€€€€€€€', 'someone')).to.equal(rule);
    expect(passwordProblem('zzzzzzzzzzzy', 'someone')).to.equal(undefined);
  });

  it('checks the rules in order: the first problem is the one told', () => {
    expect(passwordProblem('alice', 'alice')).to.match(/at least/);
    expect(passwordProblem('password123', 'password')).to.match(/username/);
  });
});
