import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AccountsService } from '../../services/accounts.service.js';
import { AccountError } from '../../services/accounts.service.js';
import type { ThresholdsService } from '../../services/triage.js';
import { ThresholdError } from '../../services/triage.js';
import type { ModelThresholds } from '../../scoring/types.js';
import { HarassmentSettingsError, type HarassmentService } from '../../services/harassment.service.js';
import type { UsersRepo } from '../../repositories/users.repo.js';
import type { ApiKeysRepo } from '../../repositories/api-keys.repo.js';
import { requireRole, requireUser } from '../auth.middleware.js';
import { AppError } from '../errors.js';
import { flash } from '../flash.js';
import { API_SCOPES } from '../../domain/api-scopes.js';
import { messages } from '../messages.fr.js';
import { fromScore100 } from '../views/format.js';

const blank = (value: unknown) => (value === '' ? undefined : value);

// Typed on the 0–100 scale the cards show; stored 0–1.
const score100 = z.coerce.number().transform(fromScore100);
const thresholdsForm = z.object({
  flag: score100,
  hold: score100,
  modelFlag: z.preprocess(blank, score100.optional()),
  modelHold: z.preprocess(blank, score100.optional()),
  modelClear: z.preprocess(blank, score100.optional()),
});
const userForm = z.object({
  email: z.string().trim().min(3).max(320),
  name: z.preprocess(blank, z.string().trim().max(200).optional()),
  role: z.enum(['admin', 'moderator']),
  password: z.preprocess(blank, z.string().max(1000).optional()),
});
// Checkboxes: absent when none is ticked, a string for one, an array for several.
const apiKeyForm = z.object({
  name: z.string().trim().min(1).max(200),
  scopes: z.preprocess((value) => (value === undefined ? [] : [value].flat()), z.array(z.enum(API_SCOPES)).max(API_SCOPES.length)),
});
// Range checks are the service's, so the admin reads its French message rather than "invalid request".
const autoPremoderationForm = z.object({
  enabled: z.preprocess((value) => value === 'on', z.boolean()),
  rejections: z.coerce.number(),
  days: z.coerce.number(),
});
const pileOnForm = z.object({ replies: z.coerce.number(), authors: z.coerce.number(), minutes: z.coerce.number() });

/** Admins only: triage thresholds, harassment rules, users, API keys. */
export function adminRoutes(deps: {
  accounts: AccountsService;
  thresholds: ThresholdsService;
  /** The model's own (cross-validated) thresholds, shown until an admin sets the site's. */
  modelDefaults: ModelThresholds;
  harassment: HarassmentService;
  users: UsersRepo;
  apiKeys: ApiKeysRepo;
}): Router {
  const router = Router();
  router.use('/admin', requireUser, requireRole('admin'));

  /**
   * The admin page. `secret` is a message shown once, in this response only: a new key or
   * generated password never goes through the session (its row would hold it in clear until
   * the next page view).
   */
  async function renderAdmin(res: Response, secret?: string) {
    if (secret !== undefined) res.locals.flash = [...(res.locals.flash as unknown[]), { kind: 'ok', text: secret }];
    res.render('pages/admin', {
      title: messages.admin.title,
      thresholds: await deps.thresholds.get(),
      modelThresholds: deps.modelDefaults,
      autoPremoderation: await deps.harassment.autoPremoderationRule(),
      pileOn: await deps.harassment.pileOnSettings(),
      users: await deps.users.list(),
      apiKeys: await deps.apiKeys.list(),
      apiScopes: API_SCOPES,
    });
  }

  router.get('/admin', async (_req, res) => renderAdmin(res));

  router.post('/admin/thresholds', async (req, res) => {
    const form = thresholdsForm.safeParse(req.body);
    if (!form.success) throw new AppError(400, 'validation', messages.errors.badRequest);
    try {
      const { flag, hold, modelFlag, modelHold, modelClear } = form.data;
      // The model's three come together; a form without them keeps the site's current ones.
      const model = modelFlag !== undefined && modelHold !== undefined && modelClear !== undefined
        ? { flag: modelFlag, hold: modelHold, clear: modelClear }
        : (await deps.thresholds.get()).model;
      await deps.thresholds.set(model === undefined ? { flag, hold } : { flag, hold, model });
      flash(req, 'ok', messages.admin.saved);
    } catch (err) {
      if (!(err instanceof ThresholdError)) throw err;
      flash(req, 'error', err.message);
    }
    res.redirect(303, '/admin');
  });

  /** Saves a harassment setting; a value out of range is refused with the reason, nothing saved. */
  async function saveHarassment(req: Request, res: Response, save: () => Promise<void>) {
    try {
      await save();
      flash(req, 'ok', messages.harassment.admin.saved);
    } catch (err) {
      if (!(err instanceof HarassmentSettingsError)) throw err;
      flash(req, 'error', err.message);
    }
    res.redirect(303, '/admin#harassment-settings');
  }

  router.post('/admin/harassment/rule', async (req, res) => {
    const form = autoPremoderationForm.safeParse(req.body);
    if (!form.success) throw new AppError(400, 'validation', messages.errors.badRequest);
    await saveHarassment(req, res, () => deps.harassment.setAutoPremoderationRule(form.data));
  });

  router.post('/admin/harassment/pile-on', async (req, res) => {
    const form = pileOnForm.safeParse(req.body);
    if (!form.success) throw new AppError(400, 'validation', messages.errors.badRequest);
    await saveHarassment(req, res, () => deps.harassment.setPileOnSettings(form.data));
  });

  router.post('/admin/users', async (req, res) => {
    const form = userForm.safeParse(req.body);
    if (!form.success) throw new AppError(400, 'validation', messages.errors.badRequest);
    try {
      const created = await deps.accounts.addUser({ ...form.data, displayName: form.data.name });
      const text = messages.admin.userCreated(created.user.email, created.generated ? created.password : null);
      if (created.generated) return await renderAdmin(res.status(201), text);
      flash(req, 'ok', text);
    } catch (err) {
      if (!(err instanceof AccountError)) throw err;
      flash(req, 'error', err.message);
    }
    res.redirect(303, '/admin');
  });

  router.post('/admin/apikeys', async (req, res) => {
    const form = apiKeyForm.safeParse(req.body);
    if (!form.success) throw new AppError(400, 'validation', messages.errors.badRequest);
    const scopes = API_SCOPES.filter((scope) => form.data.scopes.includes(scope));
    if (scopes.length === 0) {
      flash(req, 'error', messages.admin.noScope);
      return res.redirect(303, '/admin');
    }
    const { key } = await deps.accounts.createApiKey(form.data.name, scopes, req.user!.id);
    await renderAdmin(res.status(201), messages.admin.keyCreated(key));
  });

  router.post('/admin/apikeys/:id/revoke', async (req, res) => {
    await deps.apiKeys.revoke(Number(req.params.id));
    flash(req, 'ok', messages.admin.revoked);
    res.redirect(303, '/admin');
  });

  return router;
}
