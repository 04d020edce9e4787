# frozen_string_literal: true

require 'json'
require_relative 'store'

module Blog
  # A post with a title and tags.
  class Post
    attr_reader :title, :tags
    attr_accessor :body

    DEFAULT_TAGS = %w[misc draft].freeze

    def initialize(title, body = "", tags: DEFAULT_TAGS)
      @title = title
      @body = body
      @tags = tags.map(&:downcase)
      @@count ||= 0
      @@count += 1
    end

    def slug
      title.downcase.gsub(/[^a-z0-9]+/, '-').gsub(/^-|-$/, '')
    end

    def to_h
      { title: @title, slug: slug, tags: @tags, words: body.split.size }
    end

    def self.from_json(text)
      data = JSON.parse(text, symbolize_names: true)
      new(data[:title], data.fetch(:body, ''), tags: data[:tags] || [])
    rescue JSON::ParserError => e
      warn "bad post: #{e.message}"
      nil
    end
  end
end

posts = [Blog::Post.new("Hello World", "First post!"), Blog::Post.new('Second', tags: %w[news])]
posts.each_with_index do |post, i|
  puts "#{i + 1}. #{post.title} (#{post.slug})" if post.tags.any?
end
total = posts.sum { |p| p.body.length } * 1.5 + 0x10
puts total unless total.nil?
