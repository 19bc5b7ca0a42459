<?php

declare(strict_types=1);

namespace Thankyou\Common;

/**
 * JSON Web Tokens signed with HS256 (RFC 7519 and 7515, compact form): what
 * the server accepts, and all it accepts.
 */
final class Jwt
{
    /**
     * The token of the claims, signed with the secret; the key id goes into
     * the header's "kid" so the server picks the shop's secret by it.
     *
     * @param array<string, mixed> $claims
     */
    public static function sign(array $claims, string $secret, ?string $keyId = null): string
    {
        if ($secret === '') {
            throw new \InvalidArgumentException('The signing secret is empty.');
        }
        $header = ['alg' => 'HS256', 'typ' => 'JWT'];
        if ($keyId !== null && $keyId !== '') {
            $header['kid'] = $keyId;
        }
        $signingInput = self::encode(self::json($header)) . '.' . self::encode(self::json($claims));

        return $signingInput . '.' . self::encode(hash_hmac('sha256', $signingInput, $secret, true));
    }

    /** @param array<string, mixed> $value */
    private static function json(array $value): string
    {
        return json_encode($value, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_THROW_ON_ERROR);
    }

    private static function encode(string $data): string
    {
        return rtrim(strtr(base64_encode($data), '+/', '-_'), '=');
    }
}
