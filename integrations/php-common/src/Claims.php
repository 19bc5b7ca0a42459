<?php

declare(strict_types=1);

namespace Thankyou\Common;

/**
 * The order context's claims from an order and a customer in a neutral shape
 * (arrays a platform adapter fills in), as the server checks them: amounts as
 * decimal strings, text cut to its length, dates in ISO 8601 with an offset.
 *
 * What the server would refuse is left out rather than sent, so an odd value
 * in a shop (a country the server does not know, an e-mail address of a rare
 * form) costs that value, not the thank-you page. Only an order without an id
 * is an error.
 */
final class Claims
{
    public const AUDIENCE = 'thankyou';
    public const MAX_ITEMS = 500;

    /**
     * The claims to sign.
     *
     * $order: id (required), number, created_at, currency, total,
     *   items [{sku, name, category, quantity, price}], shipping {country, method}.
     * $customer: id, first_name, email, is_guest, newsletter, orders_count
     *   and total_spent (both including this order), first_order_at.
     * $options: now (Unix seconds), lifetime (seconds, default 1 hour, at
     *   most 24), locale ("de-DE" or "de_DE"), referral, test.
     *
     * Amounts are decimal strings, integers (whole units) or floats, rounded
     * to the currency's minor unit; dates are DateTimeInterface, Unix seconds
     * or "Y-m-d H:i:s" strings (read as UTC).
     *
     * @param array<string, mixed> $order
     * @param array<string, mixed>|null $customer
     * @param array<string, mixed> $options
     * @return array<string, mixed>
     */
    public static function build(string $shopKey, array $order, ?array $customer = null, array $options = []): array
    {
        $now = (int) ($options['now'] ?? time());
        $lifetime = max(60, min((int) ($options['lifetime'] ?? Settings::DEFAULT_LIFETIME), Settings::MAX_LIFETIME));
        $claims = ['iss' => $shopKey, 'aud' => self::AUDIENCE, 'iat' => $now, 'exp' => $now + $lifetime];
        if (!empty($options['test'])) {
            $claims['test'] = true;
        }
        $locale = Text::locale($options['locale'] ?? null);
        if ($locale !== null) {
            $claims['locale'] = $locale;
        }
        $claims['order'] = self::order($order);
        $customer = self::customer($customer ?? [], $claims['order']['currency'] ?? null);
        if ($customer) {
            $claims['customer'] = $customer;
        }
        $referral = Referral::clean($options['referral'] ?? null);
        if ($referral !== null) {
            $claims['referral'] = $referral;
        }

        return $claims;
    }

    /**
     * A date as ISO 8601 with its offset, or null outside the years the
     * server takes (1970 to 2999) or when it is not a date.
     *
     * @param mixed $value
     */
    public static function date($value): ?string
    {
        try {
            if (is_int($value)) {
                $value = (new \DateTimeImmutable('@' . $value))->setTimezone(new \DateTimeZone('UTC'));
            } elseif (is_string($value) && preg_match('/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/D', trim($value))) {
                $value = new \DateTimeImmutable(trim($value), new \DateTimeZone('UTC'));
            }
        } catch (\Exception $e) {
            return null;
        }
        if (!$value instanceof \DateTimeInterface) {
            return null;
        }
        $year = (int) $value->format('Y');

        return $year >= 1970 && $year <= 2999 ? $value->format(DATE_ATOM) : null;
    }

    /**
     * @param array<string, mixed> $order
     * @return array<string, mixed>
     */
    private static function order(array $order): array
    {
        $id = Text::clean($order['id'] ?? null, 100);
        if ($id === null) {
            throw new \InvalidArgumentException('The order has no id.');
        }
        $currency = Text::currency($order['currency'] ?? null);
        $items = [];
        foreach (array_slice(array_values($order['items'] ?? []), 0, self::MAX_ITEMS) as $item) {
            $item = self::filled([
                'sku' => Text::clean($item['sku'] ?? null, 100),
                'name' => Text::clean($item['name'] ?? null, 300),
                'category' => Text::clean($item['category'] ?? null, 100),
                'quantity' => self::count($item['quantity'] ?? null, 1000000),
                'price' => Money::decimal($item['price'] ?? null, $currency),
            ]);
            if ($item) {
                $items[] = $item;
            }
        }
        $shipping = self::filled([
            'country' => Text::country($order['shipping']['country'] ?? null),
            'method' => Text::clean($order['shipping']['method'] ?? null, 100),
        ]);

        return self::filled([
            'id' => $id,
            'number' => Text::clean($order['number'] ?? null, 100),
            'created_at' => self::date($order['created_at'] ?? null),
            'currency' => $currency,
            'total' => Money::decimal($order['total'] ?? null, $currency),
            'items' => $items ?: null,
            'shipping' => $shipping ?: null,
        ]);
    }

    /**
     * @param array<string, mixed> $customer
     * @return array<string, mixed>
     */
    private static function customer(array $customer, ?string $currency): array
    {
        $ordersCount = self::count($customer['orders_count'] ?? null, 10000000);

        return self::filled([
            'id' => Text::clean($customer['id'] ?? null, 100),
            'first_name' => Text::clean($customer['first_name'] ?? null, 100),
            'email' => Text::email($customer['email'] ?? null),
            'is_guest' => self::flag($customer['is_guest'] ?? null),
            'newsletter' => self::flag($customer['newsletter'] ?? null),
            // This order is one of them, whatever a platform's statistics say.
            'orders_count' => $ordersCount === null ? null : max(1, $ordersCount),
            'total_spent' => Money::decimal($customer['total_spent'] ?? null, $currency),
            'first_order_at' => self::date($customer['first_order_at'] ?? null),
        ]);
    }

    /** @param mixed $value */
    private static function count($value, int $maximum): ?int
    {
        if (is_string($value) && is_numeric($value)) {
            $value = (float) $value;
        }
        if (is_float($value) && !is_nan($value)) {
            $value = $value >= $maximum ? $maximum : ($value <= 0 ? 0 : (int) round($value));
        }

        return is_int($value) ? max(0, min($value, $maximum)) : null;
    }

    /** @param mixed $value */
    private static function flag($value): ?bool
    {
        return $value === null ? null : filter_var($value, FILTER_VALIDATE_BOOLEAN, FILTER_NULL_ON_FAILURE);
    }

    /**
     * @param array<string, mixed> $values
     * @return array<string, mixed>
     */
    private static function filled(array $values): array
    {
        return array_filter($values, static function ($value): bool {
            return $value !== null;
        });
    }
}
