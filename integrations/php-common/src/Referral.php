<?php

declare(strict_types=1);

namespace Thankyou\Common;

/**
 * The referral code of the link that brought a customer (?ref=CODE), kept
 * in a first-party cookie until the order is placed, so the order's claims
 * can name it.
 */
final class Referral
{
    public const PARAMETER = 'ref';
    public const COOKIE = 'thankyou_ref';
    public const LIFETIME = 30 * 86400;

    /** The code if it is one (letters, digits, - and _, at most 64), else null. */
    public static function clean($code): ?string
    {
        return is_string($code) && preg_match('/^[A-Za-z0-9_-]{1,64}$/D', $code) ? $code : null;
    }

    /**
     * The code a landing page's query brings, or null.
     *
     * @param array<string, mixed> $query e.g. $_GET
     */
    public static function fromQuery(array $query): ?string
    {
        return self::clean($query[self::PARAMETER] ?? null);
    }

    /**
     * The code kept in the cookie, or null.
     *
     * @param array<string, mixed> $cookies e.g. $_COOKIE
     */
    public static function fromCookies(array $cookies): ?string
    {
        return self::clean($cookies[self::COOKIE] ?? null);
    }

    /**
     * The cookie that keeps the code, as setcookie()'s options: first party,
     * not readable by scripts, sent on top-level navigation from other sites.
     *
     * @return array{name: string, value: string, expires: int, path: string, secure: bool, httponly: bool, samesite: string}
     */
    public static function cookie(string $code, int $now, bool $secure): array
    {
        return [
            'name' => self::COOKIE,
            'value' => $code,
            'expires' => $now + self::LIFETIME,
            'path' => '/',
            'secure' => $secure,
            'httponly' => true,
            'samesite' => 'Lax',
        ];
    }
}
