import { ApiError } from './api/client.js';

/** What each error code means for the person in front of the screen. */
const BY_CODE: Readonly<Record<string, string>> = {
  RESEAU: 'Le serveur ne répond pas. Vérifiez votre connexion puis réessayez.',
  NON_AUTHENTIFIE: 'Votre session a expiré ou n’est pas valide. Reconnectez-vous.',
  ACCES_REFUSE: 'Votre compte n’a pas accès à cette action ou à ces données.',
  IDENTIFIANTS_INVALIDES: 'Nom d’utilisateur ou mot de passe incorrect.',
  TROP_DE_TENTATIVES:
    'Trop de tentatives de connexion échouées : la connexion est bloquée pour le moment.',
  VALIDATION_ERROR: 'La demande est invalide.',
  MALFORMED_JSON: 'La demande est mal formée.',
  NOT_FOUND: 'Introuvable.',
  CLIENT_INCONNU: 'Ce compte client n’existe pas.',
  PRODUIT_INCONNU: 'Ce produit n’existe pas ou n’est pas vendu dans ce magasin.',
  MAGASIN_INCONNU: 'Ce magasin n’a pas de stock.',
  COMMANDE_INCONNUE: 'Cette commande n’existe pas.',
  LIGNE_INCONNUE: 'Ce produit n’est plus dans le panier.',
  PANIER_VIDE: 'Le panier est vide.',
  STOCK_INSUFFISANT: 'Stock insuffisant.',
  STOCK_MAXIMUM_DEPASSE: 'Un niveau de stock ne peut dépasser 10 000 000 unités.',
  STOCK_MODIFIE: 'Le niveau de stock a changé entre-temps : rien n’a été enregistré.',
  SOLDE_INSUFFISANT: 'Solde insuffisant.',
  IDEMPOTENCY_MISMATCH: 'Cette tentative a déjà servi pour une autre demande : recommencez.',
  IDEMPOTENCY_KEY_REUSED: 'Cette tentative a déjà servi pour une autre demande : recommencez.',
  ALREADY_COMPENSATED: 'Cette étape avait déjà été annulée : elle ne peut plus avoir lieu.',
  ETAT_INCOMPATIBLE:
    'La commande n’est pas (ou plus) en attente d’un opérateur : quelqu’un a pu agir entre-temps. Actualisez la page.',
  PIVOT_FRANCHI:
    'La commande attend à l’enregistrement de la vente ou après : la vente a pu être enregistrée, elle ne peut plus être annulée. Reprenez-la une fois le service rétabli.',
  ANNULEE_PAR_OPERATEUR: 'Annulée par un opérateur.',
  SURCHARGE: 'Le service est surchargé. Réessayez dans quelques secondes.',
  SHUTTING_DOWN: 'Le service redémarre. Réessayez dans quelques secondes.',
  SERVICE_INDISPONIBLE: 'Un service ne répond pas. Réessayez dans un instant.',
  PASSERELLE_INDISPONIBLE: 'La passerelle de l’API ne répond pas. Réessayez dans un instant.',
  TROP_DE_DEMANDES: 'Trop de demandes depuis cette adresse. Patientez quelques secondes.',
  PRODUITS_INDISPONIBLE: 'Le catalogue ne répond pas. Réessayez dans un instant.',
  CLIENT_INDISPONIBLE: 'Le service des comptes ne répond pas. Réessayez dans un instant.',
  TIMEOUT: 'Un service a mis trop de temps à répondre.',
  PANNE_SIMULEE: 'Panne simulée (mode démonstration) : le service a répondu 503.',
  REFUS_SIMULE: 'Refus simulé (mode démonstration) : le service a refusé.',
  REPONSE_INVALIDE: 'Un service a donné une réponse illisible.',
  TOTAL_INCOHERENT: 'Le total de la commande ne correspond pas à ses lignes.',
  VENTE_INCONNUE: 'Cette vente n’existe pas.',
  COMPTE_EXISTANT: 'Ce nom d’utilisateur ou cette adresse e-mail est déjà utilisé.',
  MOT_DE_PASSE_REFUSE:
    'Mot de passe refusé : au moins 10 caractères, différent du nom d’utilisateur, pas un mot de passe courant.',
  INSCRIPTION_INCONNUE: 'Cette inscription n’existe pas.',
  SOLDE_MAXIMUM_DEPASSE: 'Ce crédit dépasserait le solde maximal d’un compte.',
};

function byStatus(status: number): string {
  if (status === 401) return BY_CODE.NON_AUTHENTIFIE ?? '';
  if (status === 403) return BY_CODE.ACCES_REFUSE ?? '';
  if (status === 404) return 'Cette ressource est introuvable sur le serveur.';
  if (status === 429 || status === 503) return 'Le service est momentanément indisponible.';
  if (status >= 500) return 'Le serveur a rencontré une erreur. Réessayez plus tard.';
  return `La demande a été refusée (HTTP ${status}).`;
}

/** A known code in words; `HTTP_503` (a service answered without a code) by its status. */
export function codeText(code: string): string | undefined {
  const status = /^HTTP_(\d{3})$/.exec(code)?.[1];
  return BY_CODE[code] ?? (status ? byStatus(Number(status)) : undefined);
}

/** `Retry-After: 300` → « 5 minutes ». */
export function waitText(seconds: number): string {
  if (seconds < 60) return seconds <= 1 ? '1 seconde' : `${seconds} secondes`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

/** Any failure, in words. Validation errors keep the server's detail (it names the field). */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const text = codeText(error.code) ?? byStatus(error.status);
    if (error.code === 'VALIDATION_ERROR') return `${text} ${error.message}`;
    if (error.code === 'TROP_DE_TENTATIVES' && error.retryAfterS !== undefined) {
      return `${text} Réessayez dans ${waitText(error.retryAfterS)}.`;
    }
    return text;
  }
  return 'Une erreur inattendue est survenue.';
}
