<?php

declare(strict_types=1);

namespace Thankyou\Common;

/**
 * What a plugin puts on the order-confirmation page: the order's claims,
 * signed with the shop's secret, in the embed script's tag.
 */
final class Embed
{
    /** The server refuses larger tokens. */
    public const MAX_TOKEN_BYTES = 16384;

    private Settings $settings;

    /** @var callable(): int */
    private $clock;

    /** @param (callable(): int)|null $clock Unix seconds now (time() unless given) */
    public function __construct(Settings $settings, ?callable $clock = null)
    {
        $this->settings = $settings;
        $this->clock = $clock ?? 'time';
    }

    /**
     * The signed order context. A very large order loses items from its end
     * until the token fits the server's limit: the page is worth more than
     * the 300th line item.
     *
     * $context: locale, referral (see Claims::build).
     *
     * @param array<string, mixed> $order
     * @param array<string, mixed>|null $customer
     * @param array<string, mixed> $context
     * @throws \DomainException when the settings are incomplete
     * @throws \InvalidArgumentException when the order has no id
     */
    public function token(array $order, ?array $customer = null, array $context = []): string
    {
        $problems = $this->settings->problems();
        if ($problems) {
            throw new \DomainException('The thank-you page settings are incomplete: ' . implode(', ', $problems) . '.');
        }
        $claims = Claims::build($this->settings->shopKey, $order, $customer, [
            'now' => ($this->clock)(),
            'lifetime' => $this->settings->lifetime,
            'test' => $this->settings->test,
            'locale' => $context['locale'] ?? null,
            'referral' => $context['referral'] ?? null,
        ]);
        $token = $this->sign($claims);
        while (strlen($token) > self::MAX_TOKEN_BYTES && !empty($claims['order']['items'])) {
            $items = $claims['order']['items'];
            $keep = min(count($items) - 1, intdiv(count($items) * self::MAX_TOKEN_BYTES, strlen($token)));
            $claims['order']['items'] = array_slice($items, 0, $keep);
            if (!$claims['order']['items']) {
                unset($claims['order']['items']);
            }
            $token = $this->sign($claims);
        }

        return $token;
    }

    /**
     * The script tag with the signed order context.
     *
     * $context: locale, referral, nonce (the page's CSP nonce).
     *
     * @param array<string, mixed> $order
     * @param array<string, mixed>|null $customer
     * @param array<string, mixed> $context
     */
    public function tag(array $order, ?array $customer = null, array $context = []): string
    {
        return Tag::script($this->settings->serverUrl, $this->token($order, $customer, $context), [
            'nonce' => $context['nonce'] ?? null,
        ]);
    }

    /** @param array<string, mixed> $claims */
    private function sign(array $claims): string
    {
        return Jwt::sign($claims, $this->settings->secret, $this->settings->keyId);
    }
}
