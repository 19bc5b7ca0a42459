<?php

declare(strict_types=1);

/*
 * Print what a plugin puts on its platform's order-confirmation page for a
 * test scenario, running the plugin's own code (hook, subscriber or block)
 * against the stand-ins of tests/stubs:
 *
 *   php integrations/tests/render.php PLATFORM SCENARIO.json [PLUGIN_DIR]
 *
 * PLATFORM is shopware6, woocommerce or magento2; PLUGIN_DIR an unpacked
 * installable package (integrations/build.py), else the repository's tree.
 * The settings come from THANKYOU_SERVER_URL, THANKYOU_SHOP_KEY,
 * THANKYOU_KEY_ID and THANKYOU_SECRET; THANKYOU_CSP_NONCE is the page's
 * nonce where the platform has one (Shopware). What the plugin logs goes to
 * stderr and makes the exit status 1.
 *
 * A scenario is JSON: locale; order {id, number, created_at (UTC), currency,
 * total, items [{sku, name, category, quantity, price (per unit, with
 * tax)}], shipping {country, method}}; customer {id, first_name, email,
 * is_guest, newsletter}; history [{id, total, currency, created_at}] (the
 * customer's earlier orders); referral (the code in the visitor's cookie).
 */

[$script, $platform, $scenarioFile] = $argv + [null, null, null];
$scenario = json_decode((string) @file_get_contents((string) $scenarioFile), true);
if (!in_array($platform, ['shopware6', 'woocommerce', 'magento2'], true) || !is_array($scenario)) {
    fwrite(STDERR, "usage: php $script shopware6|woocommerce|magento2 SCENARIO.json [PLUGIN_DIR]\n");
    exit(2);
}
$pluginDir = realpath($argv[3] ?? __DIR__ . "/../$platform");
if (!isset($argv[3])) {
    require __DIR__ . '/../php-common/autoload.php';
}
$env = static function (string $name): string {
    return (string) getenv($name);
};
$logged = [];

/** Register a PSR-4 prefix as Composer (and Shopware's plugin loader) does. */
$psr4 = static function (string $prefix, string $directory): void {
    spl_autoload_register(static function (string $class) use ($prefix, $directory): void {
        if (strncmp($class, $prefix, strlen($prefix)) === 0) {
            $file = $directory . '/' . str_replace('\\', '/', substr($class, strlen($prefix))) . '.php';
            if (is_file($file)) {
                require $file;
            }
        }
    });
};

require __DIR__ . '/stubs/psr-log.php';
$logger = new class ($logged) implements Psr\Log\LoggerInterface {
    public function __construct(private array &$logged)
    {
    }

    public function warning(string|\Stringable $message, array $context = []): void
    {
        $this->logged[] = strtr((string) $message, array_map('strval', array_combine(
            array_map(static fn ($key) => '{' . $key . '}', array_keys($context)),
            $context
        ) ?: []));
    }
};

switch ($platform) {
    case 'woocommerce':
        require __DIR__ . '/../woocommerce/tests/stubs/woocommerce.php';
        WpStub::$options['thankyou_embed'] = [
            'server_url' => $env('THANKYOU_SERVER_URL'),
            'shop_key' => $env('THANKYOU_SHOP_KEY'),
            'key_id' => $env('THANKYOU_KEY_ID'),
            'secret' => $env('THANKYOU_SECRET'),
            'referrals' => true,
        ];
        WpStub::$locale = $scenario['locale'];
        $order = woocommerce_order_from_scenario($scenario);
        require $pluginDir . '/thankyou-embed.php';
        $_COOKIE = isset($scenario['referral']) ? ['thankyou_ref' => $scenario['referral']] : [];
        ob_start();
        do_action('woocommerce_thankyou', $order->get_id());
        $html = ob_get_clean();
        foreach (WpStub::$logs as [, $message]) {
            $logged[] = $message;
        }
        break;

    case 'shopware6':
        require __DIR__ . '/../shopware6/tests/stubs/shopware.php';
        $composer = json_decode(file_get_contents($pluginDir . '/composer.json'), true);
        foreach ($composer['autoload']['psr-4'] as $prefix => $path) {
            $psr4($prefix, $pluginDir . '/' . rtrim($path, '/'));
        }
        [$order, $context, $history] = shopware_order_from_scenario($scenario);
        $config = new Shopware\Core\System\SystemConfig\SystemConfigService(['channel-1' => [
            'ThankyouEmbed.config.serverUrl' => $env('THANKYOU_SERVER_URL'),
            'ThankyouEmbed.config.shopKey' => $env('THANKYOU_SHOP_KEY'),
            'ThankyouEmbed.config.keyId' => $env('THANKYOU_KEY_ID'),
            'ThankyouEmbed.config.secret' => $env('THANKYOU_SECRET'),
            'ThankyouEmbed.config.referrals' => true,
        ]]);
        $subscriber = new Thankyou\Shopware\Subscriber\CheckoutFinishSubscriber(
            $config,
            new Thankyou\Shopware\OrderMapper($history),
            $logger
        );
        $page = new Shopware\Storefront\Page\Checkout\Finish\CheckoutFinishPage($order);
        $request = new Symfony\Component\HttpFoundation\Request(
            [],
            [],
            ['_cspNonce' => $env('THANKYOU_CSP_NONCE') ?: null],
            isset($scenario['referral']) ? ['thankyou_ref' => $scenario['referral']] : []
        );
        $subscriber->addTag(new Shopware\Storefront\Page\Checkout\Finish\CheckoutFinishPageLoadedEvent($page, $context, $request));
        $html = (string) $page->getExtension($subscriber::EXTENSION)?->get('tag');
        break;

    case 'magento2':
        require __DIR__ . '/../magento2/tests/stubs/magento.php';
        require $pluginDir . '/registration.php';
        $psr4('Thankyou\\Embed\\', $pluginDir);
        [$order, $history, $categories] = magento_order_from_scenario($scenario);
        $plain = new class () implements Magento\Framework\Encryption\EncryptorInterface {
            public function decrypt($data)
            {
                return $data;
            }
        };
        $locale = new class ($scenario['locale']) implements Magento\Framework\Locale\ResolverInterface {
            public function __construct(private string $locale)
            {
            }

            public function getLocale()
            {
                return $this->locale;
            }
        };
        $cookies = new class ($scenario['referral'] ?? null) implements Magento\Framework\Stdlib\CookieManagerInterface {
            public function __construct(private ?string $referral)
            {
            }

            public function getCookie($name, $default = null)
            {
                return $name === 'thankyou_ref' ? $this->referral : $default;
            }

            public function setPublicCookie($name, $value, ?Magento\Framework\Stdlib\Cookie\PublicCookieMetadata $metadata = null)
            {
            }
        };
        $block = new Thankyou\Embed\Block\Tag(
            new Magento\Framework\View\Element\Context($logger),
            new Magento\Checkout\Model\Session($order),
            new Thankyou\Embed\Model\Config(new MagentoScopeConfig(['1' => [
                'thankyou_embed/general/server_url' => $env('THANKYOU_SERVER_URL'),
                'thankyou_embed/general/shop_key' => $env('THANKYOU_SHOP_KEY'),
                'thankyou_embed/general/key_id' => $env('THANKYOU_KEY_ID'),
                'thankyou_embed/general/secret' => $env('THANKYOU_SECRET'),
                'thankyou_embed/general/referrals' => '1',
            ]]), $plain),
            new Thankyou\Embed\Model\OrderMapper($history, $categories),
            $locale,
            $cookies,
            new Magento\Csp\Model\Collector\DynamicCollector()
        );
        $html = $block->toHtml();
        break;
}

echo $html;
foreach ($logged as $message) {
    fwrite(STDERR, $message . "\n");
}
exit($logged ? 1 : 0);
