package dev.vigil.notifications;

import dev.vigil.testsupport.VigilSystemTestWithClock;

/** The webhook flow on an in-memory H2 database. */
@VigilSystemTestWithClock
class WebhookDeliveryH2SystemTest extends WebhookDeliveryFlow {}
