<?php

declare(strict_types=1);

/*
 * Stand-ins for the WordPress and WooCommerce functions and classes the
 * plugin calls, with their documented names, parameters and behaviour where
 * the plugin relies on it (wc_get_orders filters and sorts, get_item_subtotal
 * divides the line's subtotal and tax by its quantity, wp_get_script_tag
 * escapes and filters the attributes). They record what the plugin did.
 */

defined('ABSPATH') || define('ABSPATH', __DIR__ . '/');

final class WpStub
{
    /** @var array<string, list<array{0: callable, 1: int}>> */
    public static array $hooks = [];
    /** @var array<string, mixed> */
    public static array $options = [];
    /** @var array<int, WC_Order> */
    public static array $orders = [];
    /** @var array<int, WP_Term> */
    public static array $terms = [];
    /** @var list<array<string, mixed>> */
    public static array $queries = [];
    /** @var list<array{0: string, 1: string}> */
    public static array $logs = [];
    /** @var list<array{0: string, 1: string}> */
    public static array $settingsErrors = [];
    public static string $locale = 'de_DE';
    public static bool $canManage = true;

    public static function reset(): void
    {
        self::$hooks = self::$options = self::$orders = self::$terms = self::$queries = self::$logs = self::$settingsErrors = [];
        self::$locale = 'de_DE';
        self::$canManage = true;
    }
}

function add_action(string $hook, callable $callback, int $priority = 10, int $accepted_args = 1): bool
{
    WpStub::$hooks[$hook][] = [$callback, $priority];

    return true;
}

function add_filter(string $hook, callable $callback, int $priority = 10, int $accepted_args = 1): bool
{
    return add_action($hook, $callback, $priority, $accepted_args);
}

function do_action(string $hook, ...$args): void
{
    foreach (WpStub::$hooks[$hook] ?? [] as [$callback]) {
        $callback(...$args);
    }
}

function apply_filters(string $hook, $value, ...$args)
{
    foreach (WpStub::$hooks[$hook] ?? [] as [$callback]) {
        $value = $callback($value, ...$args);
    }

    return $value;
}

function get_option(string $option, $default = false)
{
    return WpStub::$options[$option] ?? $default;
}

function determine_locale(): string
{
    return WpStub::$locale;
}

function is_ssl(): bool
{
    return true;
}

function plugin_basename(string $file): string
{
    return basename(dirname($file)) . '/' . basename($file);
}

function load_plugin_textdomain(string $domain, $deprecated = false, $plugin_rel_path = false): bool
{
    return true;
}

function __(string $text, string $domain = 'default'): string
{
    return $text;
}

function esc_html__(string $text, string $domain = 'default'): string
{
    return esc_html($text);
}

function esc_html(string $text): string
{
    return htmlspecialchars($text, ENT_QUOTES, 'UTF-8');
}

function esc_attr(string $text): string
{
    return htmlspecialchars($text, ENT_QUOTES, 'UTF-8');
}

function sanitize_text_field(string $text): string
{
    return trim(preg_replace('/[\r\n\t ]+/', ' ', strip_tags($text)));
}

function checked($checked, $current = true, bool $display = true): string
{
    return (string) $checked === (string) $current ? " checked='checked'" : '';
}

function current_user_can(string $capability): bool
{
    return WpStub::$canManage;
}

function add_settings_error(string $setting, string $code, string $message, string $type = 'error'): void
{
    WpStub::$settingsErrors[] = [$code, $message];
}

function wp_get_script_tag(array $attributes): string
{
    $attributes = apply_filters('wp_script_attributes', $attributes);
    $html = '';
    foreach ($attributes as $name => $value) {
        if (is_bool($value)) {
            $html .= $value ? ' ' . $name : '';
        } else {
            $html .= sprintf(' %s="%s"', $name, esc_attr($value));
        }
    }

    return "<script$html></script>\n";
}

function get_term($term, string $taxonomy = '')
{
    return WpStub::$terms[$term] ?? null;
}

function wc_get_order($order)
{
    return WpStub::$orders[(int) $order] ?? false;
}

/** The documented query arguments the plugin uses: type, status, customer_id, billing_email, limit, orderby date, order. */
function wc_get_orders(array $args): array
{
    WpStub::$queries[] = $args;
    $orders = array_filter(WpStub::$orders, static function (WC_Order $order) use ($args): bool {
        return in_array($order->get_status(), $args['status'], true)
            && (!isset($args['customer_id']) || $order->get_customer_id() === $args['customer_id'])
            && (!isset($args['billing_email']) || $order->get_billing_email() === $args['billing_email']);
    });
    usort($orders, static function (WC_Order $a, WC_Order $b) use ($args): int {
        $order = $a->get_date_created() <=> $b->get_date_created();

        return $args['order'] === 'DESC' ? -$order : $order;
    });

    return array_slice($orders, 0, $args['limit']);
}

function wc_get_logger(): object
{
    return new class () {
        public function warning(string $message, array $context = []): void
        {
            WpStub::$logs[] = ['warning', $message];
        }
    };
}

class WC_DateTime extends DateTime
{
}

class WP_Term
{
    public int $term_id;
    public string $name;

    public function __construct(int $id, string $name)
    {
        $this->term_id = $id;
        $this->name = $name;
    }
}

class WC_Product
{
    private string $sku;
    /** @var list<int> */
    private array $categoryIds;

    public function __construct(string $sku, array $categoryIds)
    {
        $this->sku = $sku;
        $this->categoryIds = $categoryIds;
    }

    public function get_sku(): string
    {
        return $this->sku;
    }

    public function get_category_ids(): array
    {
        return $this->categoryIds;
    }
}

class WC_Order_Item
{
}

class WC_Order_Item_Product extends WC_Order_Item
{
    private string $name;
    private int $quantity;
    /** @var WC_Product|false */
    private $product;
    private string $subtotal;
    private string $subtotalTax;

    public function __construct(string $name, int $quantity, $product, string $subtotal, string $subtotalTax)
    {
        $this->name = $name;
        $this->quantity = $quantity;
        $this->product = $product;
        $this->subtotal = $subtotal;
        $this->subtotalTax = $subtotalTax;
    }

    public function get_name(): string
    {
        return $this->name;
    }

    public function get_quantity(): int
    {
        return $this->quantity;
    }

    /** @return WC_Product|false */
    public function get_product()
    {
        return $this->product;
    }

    public function get_subtotal(): string
    {
        return $this->subtotal;
    }

    public function get_subtotal_tax(): string
    {
        return $this->subtotalTax;
    }
}

class WC_Order
{
    /** @var array<string, mixed> */
    private array $data;

    /** @param array<string, mixed> $data the values of the getters, by name without get_ */
    public function __construct(array $data)
    {
        $this->data = $data + [
            'status' => 'processing', 'customer_id' => 0, 'items' => [], 'billing_email' => '', 'billing_first_name' => '',
            'shipping_country' => '', 'shipping_method' => '', 'order_number' => (string) $data['id'],
        ];
    }

    public function __call(string $name, array $arguments)
    {
        $key = substr($name, 4);
        if (strncmp($name, 'get_', 4) !== 0 || !array_key_exists($key, $this->data)) {
            throw new BadMethodCallException("WC_Order::$name is not a getter of the stand-in");
        }

        return $this->data[$key];
    }

    public function get_items($types = 'line_item'): array
    {
        return $types === 'line_item' ? $this->data['items'] : [];
    }

    /** As WooCommerce computes it: the line's subtotal (and tax) divided by its quantity. */
    public function get_item_subtotal($item, bool $inc_tax = false, bool $round = true)
    {
        $subtotal = 0;
        if ($item->get_quantity()) {
            $subtotal = ((float) $item->get_subtotal() + ($inc_tax ? (float) $item->get_subtotal_tax() : 0)) / $item->get_quantity();
            $subtotal = $round ? number_format($subtotal, 2, '.', '') : $subtotal;
        }

        return apply_filters('woocommerce_order_amount_item_subtotal', $subtotal, $this, $item, $inc_tax, $round);
    }

    public function has_status($status): bool
    {
        return in_array($this->data['status'], (array) $status, true);
    }
}

/**
 * A WooCommerce order built from a neutral test scenario (see
 * integrations/tests/scenarios/), its customer's past orders registered too.
 *
 * @param array<string, mixed> $scenario
 */
function woocommerce_order_from_scenario(array $scenario): WC_Order
{
    $order = $scenario['order'];
    $customer = $scenario['customer'] ?? [];
    $customerId = empty($customer['is_guest']) ? (int) ($customer['id'] ?? 0) : 0;
    $zone = new DateTimeZone('Europe/Berlin');
    $items = [];
    foreach ($order['items'] ?? [] as $i => $item) {
        WpStub::$terms[100 + $i] = new WP_Term(100 + $i, $item['category']);
        // A net price with 19 % tax, as WooCommerce stores lines.
        $gross = (float) $item['price'] * $item['quantity'];
        $net = round($gross / 1.19, 2);
        $items[] = new WC_Order_Item_Product(
            $item['name'],
            $item['quantity'],
            new WC_Product($item['sku'], [100 + $i]),
            (string) $net,
            (string) round($gross - $net, 2)
        );
    }
    foreach ($scenario['history'] ?? [] as $past) {
        WpStub::$orders[(int) $past['id']] = new WC_Order([
            'id' => (int) $past['id'],
            'status' => 'completed',
            'customer_id' => $customerId,
            'billing_email' => $customer['email'] ?? '',
            'currency' => $past['currency'],
            'total' => $past['total'],
            'date_created' => new WC_DateTime($past['created_at'], new DateTimeZone('UTC')),
        ]);
    }

    return WpStub::$orders[(int) $order['id']] = new WC_Order([
        'id' => (int) $order['id'],
        'order_number' => $order['number'],
        'status' => 'on-hold',
        'customer_id' => $customerId,
        'billing_first_name' => $customer['first_name'] ?? '',
        'billing_email' => $customer['email'] ?? '',
        'currency' => $order['currency'],
        'total' => (string) $order['total'],
        'date_created' => (new WC_DateTime($order['created_at'], new DateTimeZone('UTC')))->setTimezone($zone),
        'items' => $items,
        'shipping_country' => $order['shipping']['country'],
        'shipping_method' => $order['shipping']['method'],
    ]);
}
