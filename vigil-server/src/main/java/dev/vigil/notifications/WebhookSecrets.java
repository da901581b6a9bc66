package dev.vigil.notifications;

import dev.vigil.inventory.SealedSecrets;
import java.util.List;
import java.util.function.UnaryOperator;
import org.springframework.stereotype.Component;

/** Webhook secrets for the master key rotation, re-sealed in its transaction. */
@Component
class WebhookSecrets implements SealedSecrets {

  private final WebhookRepository webhooks;

  WebhookSecrets(WebhookRepository webhooks) {
    this.webhooks = webhooks;
  }

  @Override
  public int reseal(UnaryOperator<byte[]> reseal) {
    List<Long> ids = webhooks.idsForUpdate();
    for (long id : ids) {
      webhooks.updateSecret(id, reseal.apply(webhooks.secret(id)));
    }
    return ids.size();
  }
}
