<?php

declare(strict_types=1);

/*
 * Stand-ins for the Shopware 6, Symfony and PSR classes the plugin touches,
 * under their real names, with the getters the plugin calls (as Shopware
 * 6.5/6.6 declares them). Entities take their values as an array.
 * PSR-3's LoggerInterface is in integrations/tests/stubs.
 */

namespace Symfony\Component\EventDispatcher {
    interface EventSubscriberInterface
    {
        public static function getSubscribedEvents();
    }
}

namespace Symfony\Component\HttpFoundation {
    class ParameterBag
    {
        public function __construct(private array $parameters = [])
        {
        }

        public function all(): array
        {
            return $this->parameters;
        }

        public function get(string $key, mixed $default = null): mixed
        {
            return $this->parameters[$key] ?? $default;
        }
    }

    class Request
    {
        public ParameterBag $query;
        public ParameterBag $attributes;
        public ParameterBag $cookies;

        public function __construct(array $query = [], array $request = [], array $attributes = [], array $cookies = [], private bool $secure = true)
        {
            $this->query = new ParameterBag($query);
            $this->attributes = new ParameterBag($attributes);
            $this->cookies = new ParameterBag($cookies);
        }

        public function isSecure(): bool
        {
            return $this->secure;
        }
    }

    class Cookie
    {
        public function __construct(
            public string $name,
            public ?string $value,
            public int $expire,
            public ?string $path,
            public ?string $domain,
            public ?bool $secure,
            public bool $httpOnly,
            public bool $raw,
            public ?string $sameSite
        ) {
        }

        public static function create(string $name, ?string $value = null, int $expire = 0, ?string $path = '/', ?string $domain = null, ?bool $secure = null, bool $httpOnly = true, bool $raw = false, ?string $sameSite = 'lax'): self
        {
            return new self($name, $value, $expire, $path, $domain, $secure, $httpOnly, $raw, $sameSite === null ? null : strtolower($sameSite));
        }
    }

    class ResponseHeaderBag
    {
        /** @var list<Cookie> */
        public array $cookies = [];

        public function setCookie(Cookie $cookie): void
        {
            $this->cookies[] = $cookie;
        }
    }

    class Response
    {
        public ResponseHeaderBag $headers;

        public function __construct()
        {
            $this->headers = new ResponseHeaderBag();
        }
    }
}

namespace Symfony\Component\HttpKernel {
    final class KernelEvents
    {
        public const RESPONSE = 'kernel.response';
    }
}

namespace Symfony\Component\HttpKernel\Event {
    use Symfony\Component\HttpFoundation\Request;
    use Symfony\Component\HttpFoundation\Response;

    final class ResponseEvent
    {
        public function __construct(private Request $request, private bool $main, private Response $response)
        {
        }

        public function getRequest(): Request
        {
            return $this->request;
        }

        public function isMainRequest(): bool
        {
            return $this->main;
        }

        public function getResponse(): Response
        {
            return $this->response;
        }
    }
}

namespace Shopware\Core {
    final class PlatformRequest
    {
        public const ATTRIBUTE_CSP_NONCE = '_cspNonce';
        public const ATTRIBUTE_SALES_CHANNEL_ID = 'sw-sales-channel-id';
    }
}

namespace Shopware\Core\Framework {
    class Context
    {
    }

    abstract class Plugin
    {
    }
}

namespace Shopware\Core\Framework\Struct {
    abstract class Struct
    {
        /** @var array<string, Struct> */
        protected array $extensions = [];

        public function addExtension(string $name, Struct $extension): void
        {
            $this->extensions[$name] = $extension;
        }

        public function getExtension(string $name): ?Struct
        {
            return $this->extensions[$name] ?? null;
        }
    }

    class ArrayStruct extends Struct
    {
        public function __construct(protected array $data = [])
        {
        }

        public function get(string $key): mixed
        {
            return $this->data[$key] ?? null;
        }
    }
}

namespace Shopware\Core\Framework\DataAbstractionLayer {
    use Shopware\Core\Framework\Struct\Struct;

    /** Values by field name; a getter returns its field; getTranslation reads the translated values. */
    abstract class Entity extends Struct
    {
        public function __construct(protected array $values = [])
        {
        }

        public function getId(): string
        {
            return $this->values['id'];
        }

        public function getTranslation(string $field): mixed
        {
            return $this->values['translated'][$field] ?? null;
        }

        protected function value(string $field): mixed
        {
            return $this->values[$field] ?? null;
        }
    }

    class EntityCollection implements \IteratorAggregate, \Countable
    {
        public function __construct(private array $elements = [])
        {
        }

        public function first(): mixed
        {
            return $this->elements[array_key_first($this->elements)] ?? null;
        }

        public function getIterator(): \Iterator
        {
            return new \ArrayIterator($this->elements);
        }

        public function count(): int
        {
            return count($this->elements);
        }
    }
}

namespace Shopware\Core\Framework\DataAbstractionLayer\Search {
    class Criteria
    {
        /** @var list<string> */
        public array $associations = [];

        public function addAssociation(string $path): self
        {
            $this->associations[] = $path;

            return $this;
        }
    }
}

namespace Shopware\Core\System\SystemConfig {
    class SystemConfigService
    {
        /** @param array<string, array<string, mixed>> $values by sales channel id, then key */
        public function __construct(private array $values = [])
        {
        }

        public function get(string $key, ?string $salesChannelId = null): mixed
        {
            return $this->values[$salesChannelId][$key] ?? null;
        }
    }
}

namespace Shopware\Core\System\Currency {
    use Shopware\Core\Framework\DataAbstractionLayer\Entity;

    class CurrencyEntity extends Entity
    {
        public function getIsoCode(): string
        {
            return $this->value('isoCode');
        }
    }
}

namespace Shopware\Core\System\Locale {
    use Shopware\Core\Framework\DataAbstractionLayer\Entity;

    class LocaleEntity extends Entity
    {
        public function getCode(): string
        {
            return $this->value('code');
        }
    }
}

namespace Shopware\Core\System\Language {
    use Shopware\Core\Framework\DataAbstractionLayer\Entity;
    use Shopware\Core\System\Locale\LocaleEntity;

    class LanguageEntity extends Entity
    {
        public function getLocale(): ?LocaleEntity
        {
            return $this->value('locale');
        }
    }
}

namespace Shopware\Core\System\Country {
    use Shopware\Core\Framework\DataAbstractionLayer\Entity;

    class CountryEntity extends Entity
    {
        public function getIso(): ?string
        {
            return $this->value('iso');
        }
    }
}

namespace Shopware\Core\Checkout\Shipping {
    use Shopware\Core\Framework\DataAbstractionLayer\Entity;

    class ShippingMethodEntity extends Entity
    {
        public function getName(): ?string
        {
            return $this->value('name');
        }
    }
}

namespace Shopware\Core\Content\Category {
    use Shopware\Core\Framework\DataAbstractionLayer\Entity;
    use Shopware\Core\Framework\DataAbstractionLayer\EntityCollection;

    class CategoryEntity extends Entity
    {
        public function getName(): ?string
        {
            return $this->value('name');
        }
    }

    class CategoryCollection extends EntityCollection
    {
    }
}

namespace Shopware\Core\Content\Product {
    use Shopware\Core\Content\Category\CategoryCollection;
    use Shopware\Core\Framework\DataAbstractionLayer\Entity;

    class ProductEntity extends Entity
    {
        public function getCategories(): ?CategoryCollection
        {
            return $this->value('categories');
        }
    }
}

namespace Shopware\Core\Checkout\Customer {
    use Shopware\Core\Framework\DataAbstractionLayer\Entity;

    class CustomerEntity extends Entity
    {
        public function getGuest(): bool
        {
            return $this->value('guest');
        }
    }
}

namespace Shopware\Core\Checkout\Order\Aggregate\OrderAddress {
    use Shopware\Core\Framework\DataAbstractionLayer\Entity;
    use Shopware\Core\System\Country\CountryEntity;

    class OrderAddressEntity extends Entity
    {
        public function getCountry(): ?CountryEntity
        {
            return $this->value('country');
        }
    }
}

namespace Shopware\Core\Checkout\Order\Aggregate\OrderCustomer {
    use Shopware\Core\Framework\DataAbstractionLayer\Entity;

    class OrderCustomerEntity extends Entity
    {
        public function getCustomerId(): ?string
        {
            return $this->value('customerId');
        }

        public function getCustomerNumber(): ?string
        {
            return $this->value('customerNumber');
        }

        public function getFirstName(): string
        {
            return $this->value('firstName');
        }

        public function getEmail(): string
        {
            return $this->value('email');
        }
    }
}

namespace Shopware\Core\Checkout\Order\Aggregate\OrderDelivery {
    use Shopware\Core\Checkout\Order\Aggregate\OrderAddress\OrderAddressEntity;
    use Shopware\Core\Checkout\Shipping\ShippingMethodEntity;
    use Shopware\Core\Framework\DataAbstractionLayer\Entity;
    use Shopware\Core\Framework\DataAbstractionLayer\EntityCollection;

    class OrderDeliveryEntity extends Entity
    {
        public function getShippingOrderAddress(): ?OrderAddressEntity
        {
            return $this->value('shippingOrderAddress');
        }

        public function getShippingMethod(): ?ShippingMethodEntity
        {
            return $this->value('shippingMethod');
        }
    }

    class OrderDeliveryCollection extends EntityCollection
    {
    }
}

namespace Shopware\Core\Checkout\Order\Aggregate\OrderLineItem {
    use Shopware\Core\Content\Product\ProductEntity;
    use Shopware\Core\Framework\DataAbstractionLayer\Entity;
    use Shopware\Core\Framework\DataAbstractionLayer\EntityCollection;

    class OrderLineItemEntity extends Entity
    {
        public function getType(): ?string
        {
            return $this->value('type');
        }

        public function getPayload(): ?array
        {
            return $this->value('payload');
        }

        public function getLabel(): string
        {
            return $this->value('label');
        }

        public function getQuantity(): int
        {
            return $this->value('quantity');
        }

        public function getUnitPrice(): float
        {
            return $this->value('unitPrice');
        }

        public function getProduct(): ?ProductEntity
        {
            return $this->value('product');
        }
    }

    class OrderLineItemCollection extends EntityCollection
    {
    }
}

namespace Shopware\Core\Checkout\Order {
    use Shopware\Core\Checkout\Order\Aggregate\OrderCustomer\OrderCustomerEntity;
    use Shopware\Core\Checkout\Order\Aggregate\OrderDelivery\OrderDeliveryCollection;
    use Shopware\Core\Checkout\Order\Aggregate\OrderLineItem\OrderLineItemCollection;
    use Shopware\Core\Framework\DataAbstractionLayer\Entity;
    use Shopware\Core\System\Currency\CurrencyEntity;
    use Shopware\Core\System\Language\LanguageEntity;

    class OrderEntity extends Entity
    {
        public function getOrderNumber(): ?string
        {
            return $this->value('orderNumber');
        }

        public function getOrderDateTime(): \DateTimeInterface
        {
            return $this->value('orderDateTime');
        }

        public function getCurrency(): ?CurrencyEntity
        {
            return $this->value('currency');
        }

        public function getAmountTotal(): float
        {
            return $this->value('amountTotal');
        }

        public function getLineItems(): ?OrderLineItemCollection
        {
            return $this->value('lineItems');
        }

        public function getDeliveries(): ?OrderDeliveryCollection
        {
            return $this->value('deliveries');
        }

        public function getOrderCustomer(): ?OrderCustomerEntity
        {
            return $this->value('orderCustomer');
        }

        public function getLanguage(): ?LanguageEntity
        {
            return $this->value('language');
        }
    }
}

namespace Shopware\Core\System\SalesChannel {
    use Shopware\Core\Checkout\Customer\CustomerEntity;
    use Shopware\Core\Framework\Context;

    class SalesChannelContext
    {
        public function __construct(private string $salesChannelId, private ?CustomerEntity $customer)
        {
        }

        public function getSalesChannelId(): string
        {
            return $this->salesChannelId;
        }

        public function getCustomer(): ?CustomerEntity
        {
            return $this->customer;
        }

        public function getContext(): Context
        {
            return new Context();
        }
    }
}

namespace Shopware\Storefront\Page\Checkout\Finish {
    use Shopware\Core\Checkout\Order\OrderEntity;
    use Shopware\Core\Framework\DataAbstractionLayer\Search\Criteria;
    use Shopware\Core\Framework\Struct\Struct;
    use Shopware\Core\System\SalesChannel\SalesChannelContext;
    use Symfony\Component\HttpFoundation\Request;

    class CheckoutFinishPage extends Struct
    {
        public function __construct(private OrderEntity $order, private bool $paymentFailed = false)
        {
        }

        public function getOrder(): OrderEntity
        {
            return $this->order;
        }

        public function isPaymentFailed(): bool
        {
            return $this->paymentFailed;
        }
    }

    class CheckoutFinishPageLoadedEvent
    {
        public function __construct(private CheckoutFinishPage $page, private SalesChannelContext $salesChannelContext, private Request $request)
        {
        }

        public function getPage(): CheckoutFinishPage
        {
            return $this->page;
        }

        public function getSalesChannelContext(): SalesChannelContext
        {
            return $this->salesChannelContext;
        }

        public function getRequest(): Request
        {
            return $this->request;
        }
    }

    class CheckoutFinishPageOrderCriteriaEvent
    {
        public function __construct(private Criteria $criteria)
        {
        }

        public function getCriteria(): Criteria
        {
            return $this->criteria;
        }
    }
}

namespace {
    use Shopware\Core\Checkout\Customer\CustomerEntity;
    use Shopware\Core\Checkout\Order\Aggregate\OrderAddress\OrderAddressEntity;
    use Shopware\Core\Checkout\Order\Aggregate\OrderCustomer\OrderCustomerEntity;
    use Shopware\Core\Checkout\Order\Aggregate\OrderDelivery\OrderDeliveryCollection;
    use Shopware\Core\Checkout\Order\Aggregate\OrderDelivery\OrderDeliveryEntity;
    use Shopware\Core\Checkout\Order\Aggregate\OrderLineItem\OrderLineItemCollection;
    use Shopware\Core\Checkout\Order\Aggregate\OrderLineItem\OrderLineItemEntity;
    use Shopware\Core\Checkout\Order\OrderEntity;
    use Shopware\Core\Checkout\Shipping\ShippingMethodEntity;
    use Shopware\Core\Content\Category\CategoryCollection;
    use Shopware\Core\Content\Category\CategoryEntity;
    use Shopware\Core\Content\Product\ProductEntity;
    use Shopware\Core\System\Country\CountryEntity;
    use Shopware\Core\System\Currency\CurrencyEntity;
    use Shopware\Core\System\Language\LanguageEntity;
    use Shopware\Core\System\Locale\LocaleEntity;
    use Shopware\Core\System\SalesChannel\SalesChannelContext;
    use Thankyou\Shopware\HistorySource;

    /**
     * A Shopware order, its sales channel context and its customer's history
     * built from a neutral test scenario (integrations/tests/scenarios).
     *
     * @return array{0: OrderEntity, 1: SalesChannelContext, 2: HistorySource}
     */
    function shopware_order_from_scenario(array $scenario): array
    {
        $order = $scenario['order'];
        $customer = $scenario['customer'] ?? [];
        $lineItems = [];
        foreach ($order['items'] ?? [] as $i => $item) {
            $lineItems[] = new OrderLineItemEntity([
                'id' => "line-$i",
                'type' => 'product',
                'payload' => ['productNumber' => $item['sku']],
                'label' => $item['name'],
                'quantity' => $item['quantity'],
                'unitPrice' => (float) $item['price'],
                'product' => new ProductEntity(['categories' => new CategoryCollection([
                    new CategoryEntity(['name' => $item['category'], 'translated' => ['name' => $item['category']]]),
                ])]),
            ]);
        }
        // A promotion is a line item too, with a negative price.
        $lineItems[] = new OrderLineItemEntity(['id' => 'promo', 'type' => 'promotion', 'label' => '5 % off', 'quantity' => 1, 'unitPrice' => -2.5]);
        $entity = new OrderEntity([
            'id' => sprintf('%032x', $order['id']),
            'orderNumber' => $order['number'],
            'orderDateTime' => new \DateTimeImmutable($order['created_at'], new \DateTimeZone('UTC')),
            'currency' => new CurrencyEntity(['isoCode' => $order['currency']]),
            'amountTotal' => (float) $order['total'],
            'lineItems' => new OrderLineItemCollection($lineItems),
            'deliveries' => new OrderDeliveryCollection([new OrderDeliveryEntity([
                'shippingOrderAddress' => new OrderAddressEntity(['country' => new CountryEntity(['iso' => $order['shipping']['country']])]),
                'shippingMethod' => new ShippingMethodEntity(['name' => $order['shipping']['method'], 'translated' => ['name' => $order['shipping']['method']]]),
            ])]),
            'orderCustomer' => new OrderCustomerEntity([
                'customerId' => 'c' . ($customer['id'] ?? 0),
                'customerNumber' => isset($customer['id']) ? (string) $customer['id'] : null,
                'firstName' => $customer['first_name'] ?? '',
                'email' => $customer['email'] ?? '',
            ]),
            'language' => new LanguageEntity(['locale' => new LocaleEntity(['code' => str_replace('_', '-', $scenario['locale'])])]),
        ]);
        $context = new SalesChannelContext('channel-1', new CustomerEntity(['guest' => (bool) ($customer['is_guest'] ?? false)]));
        $history = new class ($scenario['history'] ?? [], $customer['newsletter'] ?? null) implements HistorySource {
            public function __construct(private array $orders, private ?bool $newsletter)
            {
            }

            public function pastOrders(OrderEntity $order, SalesChannelContext $context): iterable
            {
                return $this->orders;
            }

            public function isSubscribed(OrderEntity $order, SalesChannelContext $context): ?bool
            {
                return $this->newsletter;
            }
        };

        return [$entity, $context, $history];
    }
}
