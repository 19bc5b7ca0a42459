<?php

declare(strict_types=1);

namespace Thankyou\Shopware;

use Shopware\Core\Checkout\Order\OrderEntity;
use Shopware\Core\System\SalesChannel\SalesChannelContext;

/**
 * What the shop knows of the order's customer beyond the order itself.
 */
interface HistorySource
{
    /**
     * The customer's orders that count (not cancelled), newest first, each
     * {id, total, currency, created_at}.
     *
     * @return iterable<array<string, mixed>>
     */
    public function pastOrders(OrderEntity $order, SalesChannelContext $context): iterable;

    /** Whether the order's e-mail address receives the sales channel's newsletter. */
    public function isSubscribed(OrderEntity $order, SalesChannelContext $context): ?bool;
}
