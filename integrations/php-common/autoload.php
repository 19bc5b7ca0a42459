<?php

declare(strict_types=1);

/*
 * Load the Thankyou\Common classes from src/ on first use. Each plugin
 * requires this file from its own copy of the library; a second copy
 * (two of the plugins in one application) reuses the first.
 */
if (!function_exists('thankyou_common_autoload')) {
    function thankyou_common_autoload(string $class): void
    {
        $prefix = 'Thankyou\\Common\\';
        if (strncmp($class, $prefix, strlen($prefix)) === 0) {
            $file = __DIR__ . '/src/' . str_replace('\\', '/', substr($class, strlen($prefix))) . '.php';
            if (is_file($file)) {
                require $file;
            }
        }
    }

    spl_autoload_register('thankyou_common_autoload');
}
