import type { Page } from 'playwright-core';

export interface Person {
  nom: string;
  email: string;
  username: string;
  password: string;
}

/** A new person on every run: the username and e-mail are unique. */
export function newPerson(): Person {
  const n = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
  return {
    nom: 'Jeanne Martin',
    email: `jeanne.${n}@example.org`,
    username: `jeanne-${n}`,
    password: `cafe-au-lait-${n}`,
  };
}

/** Types a person into the sign-up form. */
export async function fill(page: Page, p: Person): Promise<void> {
  await page.getByLabel('Nom complet').fill(p.nom);
  await page.getByLabel('Adresse e-mail').fill(p.email);
  await page.getByLabel('Nom d’utilisateur').fill(p.username);
  await page.getByLabel('Mot de passe').fill(p.password);
}
