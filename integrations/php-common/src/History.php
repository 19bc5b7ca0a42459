<?php

declare(strict_types=1);

namespace Thankyou\Common;

/**
 * A customer's order history as the claims count it: this order included
 * exactly once, money summed in this order's currency only (the claim
 * carries none of its own), the first order the earliest of them.
 */
final class History
{
    /**
     * orders_count, total_spent and first_order_at for the customer fields.
     *
     * $orders: the customer's orders that count (not cancelled), each
     * {id, total, currency, created_at}, with or without this one; $order:
     * this order as given to Claims::build.
     *
     * @param iterable<array<string, mixed>> $orders
     * @param array<string, mixed> $order
     * @return array{orders_count: int, total_spent: ?string, first_order_at: ?string}
     */
    public static function summarise(iterable $orders, array $order): array
    {
        $currency = Text::currency($order['currency'] ?? null);
        $thisId = Text::clean($order['id'] ?? null, 100);
        $count = 0;
        $spent = '0';
        $first = null;
        foreach (self::withThisOrder($orders, $order, $thisId) as $past) {
            ++$count;
            if (Text::currency($past['currency'] ?? null) === $currency) {
                $spent = Money::add($spent, Money::decimal($past['total'] ?? null, $currency) ?? '0', $currency) ?? $spent;
            }
            $date = Claims::date($past['created_at'] ?? null);
            if ($date !== null && ($first === null || strtotime($date) < strtotime($first))) {
                $first = $date;
            }
        }

        return [
            'orders_count' => $count,
            'total_spent' => $currency === null ? null : Money::decimal($spent, $currency),
            'first_order_at' => $first,
        ];
    }

    /**
     * @param iterable<array<string, mixed>> $orders
     * @param array<string, mixed> $order
     * @return \Generator<array<string, mixed>>
     */
    private static function withThisOrder(iterable $orders, array $order, ?string $thisId): \Generator
    {
        $seen = [];
        foreach ($orders as $past) {
            $id = Text::clean($past['id'] ?? null, 100);
            if ($id !== null) {
                if (isset($seen[$id])) {
                    continue;
                }
                $seen[$id] = true;
            }
            yield $id === $thisId ? $order : $past;
        }
        if ($thisId === null || !isset($seen[$thisId])) {
            yield $order;
        }
    }
}
