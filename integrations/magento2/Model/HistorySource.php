<?php

declare(strict_types=1);

namespace Thankyou\Embed\Model;

use Magento\Sales\Model\Order;

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
    public function pastOrders(Order $order): iterable;

    /** Whether the order's customer receives the website's newsletter. */
    public function isSubscribed(Order $order): ?bool;
}
