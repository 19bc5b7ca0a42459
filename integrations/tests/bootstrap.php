<?php

declare(strict_types=1);

/*
 * The plugins' tests run against the repository's tree: the shared library
 * from php-common/, each plugin's classes from its own folder, and stand-ins
 * for the platforms' classes (tests/stubs of each plugin) with the names and
 * methods of the platforms' documented APIs.
 */

require __DIR__ . '/../php-common/autoload.php';

spl_autoload_register(static function (string $class): void {
    $roots = [
        'Thankyou\\Shopware\\' => __DIR__ . '/../shopware6/src/',
        'Thankyou\\WooCommerce\\' => __DIR__ . '/../woocommerce/includes/',
        'Thankyou\\Embed\\' => __DIR__ . '/../magento2/',
    ];
    foreach ($roots as $prefix => $root) {
        if (strncmp($class, $prefix, strlen($prefix)) === 0) {
            $file = $root . str_replace('\\', '/', substr($class, strlen($prefix))) . '.php';
            if (is_file($file)) {
                require $file;
            }
        }
    }
});

require_once __DIR__ . '/stubs/psr-log.php';
foreach (glob(__DIR__ . '/../*/tests/stubs/*.php') as $stubs) {
    require_once $stubs;
}

/** A neutral order scenario of tests/scenarios by name, e.g. "first-order". */
function scenario(string $name): array
{
    return json_decode(file_get_contents(__DIR__ . "/scenarios/$name.json"), true);
}

/**
 * The token of a tag (or a token itself), unverified: its header, its claims,
 * what was signed and the signature.
 *
 * @return array{header: array, claims: array, signed: string, signature: string}
 */
function token_of(string $tagOrToken): array
{
    preg_match('/([\w-]+)\.([\w-]+)\.([\w-]+)/', $tagOrToken, $match);
    $decode = static function (string $part): array {
        return json_decode(base64_decode(strtr($part, '-_', '+/')), true);
    };

    return ['header' => $decode($match[1]), 'claims' => $decode($match[2]), 'signed' => "$match[1].$match[2]", 'signature' => $match[3]];
}

/** The HS256 signature of a token's signed part, computed here independently of the library. */
function hs256(string $signed, string $secret): string
{
    return rtrim(strtr(base64_encode(hash_hmac('sha256', $signed, $secret, true)), '+/', '-_'), '=');
}
