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
