<?php

declare(strict_types=1);

namespace Thankyou\Common;

/**
 * The script tag for the order-confirmation page: it loads the server's
 * embed script, which shows the thank-you page for the signed order in place
 * of the tag.
 */
final class Tag
{
    /**
     * The tag, every attribute escaped.
     *
     * $options: nonce (the page's Content Security Policy nonce, if it has one).
     *
     * @param array{nonce?: ?string} $options
     */
    public static function script(string $serverUrl, string $token, array $options = []): string
    {
        $html = '<script';
        foreach (self::attributes($serverUrl, $token, $options) as $name => $value) {
            $html .= ' ' . $name . ($value === true ? '' : '="' . self::escape($value) . '"');
        }

        return $html . '></script>';
    }

    /**
     * The tag's attributes, unescaped, for platforms that write script tags
     * themselves (WordPress's wp_get_script_tag, where CSP plugins add their
     * nonce); true stands for an attribute without a value.
     *
     * @param array{nonce?: ?string} $options
     * @return array<string, string|true>
     */
    public static function attributes(string $serverUrl, string $token, array $options = []): array
    {
        $attributes = [
            'async' => true,
            'src' => rtrim($serverUrl, '/') . '/embed/v1.js',
            'data-token' => $token,
        ];
        if (($options['nonce'] ?? '') !== '') {
            $attributes['nonce'] = (string) $options['nonce'];
        }

        return $attributes;
    }

    private static function escape(string $value): string
    {
        return htmlspecialchars($value, ENT_QUOTES | ENT_SUBSTITUTE | ENT_HTML5, 'UTF-8');
    }
}
