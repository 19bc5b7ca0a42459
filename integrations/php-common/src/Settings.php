<?php

declare(strict_types=1);

namespace Thankyou\Common;

/**
 * A plugin's settings: where the thank-you page server is, which shop this
 * is, and the signing secret with its key id (both from the server's
 * "Shops → your shop → Signing secrets").
 */
final class Settings
{
    public const DEFAULT_LIFETIME = 3600;

    /** The server refuses tokens that live longer. */
    public const MAX_LIFETIME = 86400;

    public readonly string $serverUrl;
    public readonly string $shopKey;
    public readonly string $keyId;
    public readonly string $secret;
    public readonly bool $test;
    public readonly int $lifetime;

    public function __construct(
        string $serverUrl,
        string $shopKey,
        string $keyId,
        string $secret,
        bool $test = false,
        int $lifetime = self::DEFAULT_LIFETIME
    ) {
        $this->serverUrl = rtrim(trim($serverUrl), '/');
        $this->shopKey = trim($shopKey);
        $this->keyId = trim($keyId);
        $this->secret = trim($secret);
        $this->test = $test;
        $this->lifetime = max(60, min($lifetime, self::MAX_LIFETIME));
    }

    /**
     * The names of the settings that are missing or malformed (server_url,
     * shop_key, key_id, secret); empty when the plugin can sign.
     *
     * @return list<string>
     */
    public function problems(): array
    {
        $problems = [];
        $url = parse_url($this->serverUrl);
        if (
            !is_array($url) || !in_array(strtolower($url['scheme'] ?? ''), ['http', 'https'], true)
            || ($url['host'] ?? '') === '' || isset($url['query']) || isset($url['fragment']) || isset($url['user'])
        ) {
            $problems[] = 'server_url';
        }
        if (!preg_match('/^[-a-zA-Z0-9_]{1,64}$/D', $this->shopKey)) {
            $problems[] = 'shop_key';
        }
        if ($this->keyId !== '' && !preg_match('/^[-a-zA-Z0-9_]{1,64}$/D', $this->keyId)) {
            $problems[] = 'key_id';
        }
        if ($this->secret === '') {
            $problems[] = 'secret';
        }

        return $problems;
    }
}
